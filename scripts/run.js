#!/usr/bin/env node
// The two quick-start commands. `npm start`: install what is missing, build the functions and the H5 client,
// start the local cloud with demo data. `npm test`: install, type-check, build, run every Jest project.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const [command, ...rest] = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

function step(title) {
  console.log(`\n▸ ${title}`);
}

function ensureInstalled() {
  const stamp = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  step('installing npm packages');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function buildFunctions() {
  step('building cloud functions');
  run('node', ['scripts/build-functions.js']);
}

function buildClient(type) {
  step(`building the ${type} client`);
  run('npx', ['taro', 'build', '--type', type], { cwd: path.join(ROOT, 'client'), env: { NODE_ENV: 'production' } });
}

function typecheck() {
  step('type-checking functions, local cloud, tools and client');
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  run('npx', ['tsc', '--noEmit', '-p', 'client/tsconfig.json']);
}

if (command === 'start') {
  ensureInstalled();
  buildFunctions();
  buildClient('h5');
  step('starting the local cloud');
  run('node', ['--import', 'tsx', 'localcloud/cli.ts', ...rest]);
} else if (command === 'test') {
  ensureInstalled();
  typecheck();
  buildFunctions();
  buildClient('h5');
  buildClient('weapp');
  step('running tests');
  run('npx', ['jest', '--ci', ...rest], { env: { TZ: 'UTC' } });
} else if (command === 'build') {
  ensureInstalled();
  buildFunctions();
  buildClient('weapp');
  buildClient('h5');
} else {
  console.error('usage: node scripts/run.js start|test|build [args]');
  process.exit(2);
}
