#!/usr/bin/env node
// WeChat DevTools' code-quality check (代码质量) without DevTools: the official miniprogram-ci on the weapp build
// (client/dist/weapp, as project.config.json says). Prints one line per item and exits 1 when any fails. It runs in
// its own process because miniprogram-ci leaves a file watcher open.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ci = require('miniprogram-ci');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'client/dist/weapp/app.json'))) throw new Error('no weapp build: run npm run build:weapp first');
  // The check signs nothing, but a Project wants a key file: a throwaway one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-quality-'));
  const key = path.join(dir, 'private.key');
  fs.writeFileSync(key, crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const project = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath: ROOT, privateKeyPath: key, ignores: ['node_modules/**/*'] });
  const results = await ci.checkCodeQuality(project);
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(results.map(({ name, success, text }) => ({ name, success, text })))}\n`);
  else for (const r of results) console.log(r.success ? `pass  ${r.name}` : `FAIL  ${r.name}: ${r.text}`);
  return results.every((r) => r.success) ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { console.error(err.message); process.exit(2); });
