#!/usr/bin/env node
// npm run screenshots [-- <folder>]: builds the H5 client, then photographs every screen (tests/screenshots/tour.test.ts)
// into one folder (default screenshots/) for a reviewer.
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const dir = path.resolve(process.argv[2] || path.join(ROOT, 'screenshots'));
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts, env: { ...process.env, ...opts.env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('node', ['scripts/build-functions.js', '--quiet']);
run('npx', ['taro', 'build', '--type', 'h5'], { cwd: path.join(ROOT, 'client'), env: { NODE_ENV: 'production' } });
run('npx', ['jest', '--selectProjects', 'screenshots'], { env: { SCREENSHOTS: '1', SCREENSHOT_DIR: dir, TZ: 'UTC' } });
console.log(`screenshots in ${dir}`);
