// The layers of cloudfunctions/: each function folder (index.ts + config.json, bundled on its own) is a boundary
// and imports only core/, runtime/ and services/, never a sibling function; services/ import core/ and runtime/;
// runtime/ imports core/; core/ is the pure domain (no SDK, no runtime, no services).
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

const ROOT = resolve(__dirname, '../../cloudfunctions');

const folders = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());
const isFunction = (name: string) => existsSync(join(ROOT, name, 'index.ts')) && existsSync(join(ROOT, name, 'config.json'));
const functions = folders.filter(isFunction);

function sourcesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourcesOf(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports, re-exports or requires (comments stripped first). */
export function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

/** The top folder of cloudfunctions/ a specifier of `file` lands in (null outside cloudfunctions/ or for a package). */
function targetFolder(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = relative(ROOT, resolve(dirname(file), spec));
  if (rel.startsWith('..')) return null;
  return rel.split(sep)[0];
}

interface Violation { file: string; spec: string }

function violations(folder: string, allowed: (target: string) => boolean, packageAllowed: (spec: string) => boolean = () => true): Violation[] {
  const out: Violation[] = [];
  for (const file of sourcesOf(join(ROOT, folder))) {
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      const target = targetFolder(file, spec);
      const ok = target === null ? spec.startsWith('.') || packageAllowed(spec) : allowed(target);
      if (!ok) out.push({ file: relative(ROOT, file), spec });
    }
  }
  return out;
}

const SHARED = new Set(['core', 'runtime', 'services']);

describe('cloudfunctions layers', () => {
  test('the function folders are found', () => {
    expect(functions).toEqual(expect.arrayContaining(['admin', 'checkin', 'jobs', 'mall', 'member', 'order', 'referral', 'staff', 'task']));
    for (const shared of SHARED) expect(functions).not.toContain(shared);
  });

  test.each(functions)('%s imports no sibling function folder', (fn) => {
    expect(violations(fn, (target) => target === fn || SHARED.has(target))).toEqual([]);
  });

  test('services import only core/, runtime/ and services/', () => {
    expect(violations('services', (target) => SHARED.has(target))).toEqual([]);
  });

  test('runtime imports only core/ and runtime/', () => {
    expect(violations('runtime', (target) => target === 'core' || target === 'runtime')).toEqual([]);
  });

  test('core is pure: no runtime/, services/, function folders or wx-server-sdk', () => {
    expect(violations('core', (target) => target === 'core', (spec) => spec !== 'wx-server-sdk' && !spec.startsWith('wx-server-sdk/'))).toEqual([]);
  });

  test('the scanner sees every form of import', () => {
    const src = [
      "import { a } from '../mall/x';",
      "import type { B } from \"../order/y\";",
      "export { c } from '../staff/z';",
      "import '../admin/side';",
      "const d = require('wx-server-sdk');",
      "const e = await import('../member/lazy');",
      "// import { f } from '../task/commented';",
      "/* import { g } from '../jobs/commented'; */",
      "import {\n  h,\n  i,\n} from '../referral/multi';",
    ].join('\n');
    expect(specifiersOf(src).sort()).toEqual(['../admin/side', '../mall/x', '../member/lazy', '../order/y', '../referral/multi', '../staff/z', 'wx-server-sdk'].sort());
  });
});
