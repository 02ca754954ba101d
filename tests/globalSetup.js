// Functions are bundled once before any project runs; tests start the local cloud on the build output.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  execFileSync('node', [path.join(__dirname, '..', 'scripts', 'build-functions.js'), '--quiet'], { stdio: 'inherit' });
};
