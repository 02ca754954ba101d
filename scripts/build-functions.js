#!/usr/bin/env node
// Bundles each cloud function (a folder of cloudfunctions/ with index.ts and config.json) into a deployable folder
// build/cloudfunctions/<name>/{index.js, package.json, config.json}. wx-server-sdk stays external: the cloud
// installs it from the function's package.json.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'cloudfunctions');
const OUT = path.join(ROOT, 'build', 'cloudfunctions');

function functionNames() {
  return fs.readdirSync(SRC).filter((name) => {
    const dir = path.join(SRC, name);
    return fs.statSync(dir).isDirectory() && fs.existsSync(path.join(dir, 'index.ts')) && fs.existsSync(path.join(dir, 'config.json'));
  });
}

async function buildFunction(name) {
  const outDir = path.join(OUT, name);
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(SRC, name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // the oldest Node runtime the WeChat cloud still offers
    format: 'cjs',
    // @cloudbase/node-sdk (custom-login tickets, runtime/customLogin.ts) too: the weblogin function's package.json lists it.
    external: ['wx-server-sdk', '@cloudbase/node-sdk'],
    // Smaller bundles parse faster on a cold start; names are kept so stack traces in the logs stay readable.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    // Chinese messages as UTF-8 rather than \u escapes: a third of the size.
    charset: 'utf8',
    logLevel: 'warning',
  });
  for (const file of ['package.json', 'config.json']) fs.copyFileSync(path.join(SRC, name, file), path.join(outDir, file));
  return { name, bytes: fs.statSync(path.join(outDir, 'index.js')).size };
}

async function main() {
  const names = functionNames();
  const results = await Promise.all(names.map(buildFunction));
  if (!process.argv.includes('--quiet')) {
    for (const r of results) console.log(`  built ${r.name.padEnd(12)} ${(r.bytes / 1024).toFixed(1)} KB`);
  }
}

module.exports = { functionNames, buildFunction, OUT, SRC };
if (require.main === module) main().catch((err) => { console.error(err); process.exit(1); });
