// WeChat DevTools' code-quality check (代码质量) through the official miniprogram-ci (scripts/code-quality.js) on the
// weapp build, which `npm test` makes first: compression on, lazy code loading, package sizes, nothing unused.
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const built = fs.existsSync(path.join(ROOT, 'client/dist/weapp/app.json'));

(built ? test : test.skip)('miniprogram-ci checkCodeQuality: every item passes on client/dist/weapp', () => {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/code-quality.js'), '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const results = JSON.parse(out.trim().split('\n').pop() ?? '[]') as Array<{ name: string; success: boolean; text: string }>;
  expect(results.map((r) => r.name)).toEqual(expect.arrayContaining(['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN', 'PACKAGE_SIZE_LIMIT']));
  expect(results.filter((r) => !r.success).map((r) => `${r.name}: ${r.text}`)).toEqual([]);
}, 150_000);
