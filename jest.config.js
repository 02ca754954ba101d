// Projects: pure unit tests, the local cloud's own tests, function integration tests through the
// local cloud with the real wx-server-sdk, and browser tests of the H5 build in headless Chromium.
const common = {
  testEnvironment: 'node',
  transform: { '\\.[jt]s$': 'babel-jest' },
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/client/dist/'],
};
module.exports = {
  globalSetup: '<rootDir>/tests/globalSetup.js',
  // A hook that starts a local cloud (workers, a data directory) can take seconds on a loaded 2-core machine; a test
  // that needs longer says so itself.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      // The client's stores (tests/unit/client) import @tarojs/taro through services/; a stub stands in for it.
      moduleNameMapper: { '^@tarojs/taro$': '<rootDir>/tests/unit/client/taro-stub.ts' },
    },
    { ...common, displayName: 'localcloud', testMatch: ['<rootDir>/tests/localcloud/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
    { ...common, displayName: 'automator', testMatch: ['<rootDir>/tests/automator/**/*.test.ts'] },
    // `npm run screenshots` only (scripts/screenshots.js sets SCREENSHOTS): a tour of every screen, not a test run.
    ...(process.env.SCREENSHOTS ? [{ ...common, displayName: 'screenshots', testMatch: ['<rootDir>/tests/screenshots/**/*.test.ts'] }] : []),
  ],
};
