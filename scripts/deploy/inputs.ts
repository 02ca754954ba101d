// Reads what a deploy is made of from the repository: the index list and security rules, the functions (as
// scripts/build-functions.js finds them: a folder of cloudfunctions/ with index.ts and config.json), whether each is
// built, the environment variables the functions read, and the mini-program build. Only reading; the planner
// (plan.ts) decides and refuses.
import fs from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** What a variable the functions read is, and so what the deploy does with it. */
export type EnvVarKind =
  /** Must be on every function that reaches `file`: from the deploy's environment, or kept from the function's. */
  | 'secret'
  /** A tuning knob with a default in the code: set only when the deploy's environment has it. */
  | 'optional'
  /** Only the local cloud sets it: never deployed. */
  | 'local'
  /** CloudBase itself sets it in every function's environment (the invocation's context): never deployed. */
  | 'platform';

/** Every process.env read in cloudfunctions/ (a unit test fails when one is missing here). */
export const FUNCTION_ENV: Record<string, { file: string; kind: EnvVarKind }> = {
  MEMBER_CODE_SECRET: { file: 'runtime/codeSecret.ts', kind: 'secret' },
  LOYALTY_CONFIG_TTL_MS: { file: 'runtime/configStore.ts', kind: 'optional' },
  STORES_TTL_MS: { file: 'staff/stores.ts', kind: 'optional' },
  // How long a warm instance keeps a signed channel (default 10 000 ms): a stop takes effect within it.
  CHANNEL_TTL_MS: { file: 'runtime/signature.ts', kind: 'optional' },
  MALL_ITEM_TTL_MS: { file: 'mall/redeem.ts', kind: 'optional' },
  // The migration's chunk (rows per transaction, default 500) and the wall time a step works (default 8000 ms).
  MIGRATION_CHUNK_ROWS: { file: 'migration/jobs.ts', kind: 'optional' },
  MIGRATION_STEP_MS: { file: 'migration/jobs.ts', kind: 'optional' },
  LOCALCLOUD_CLOCK: { file: 'runtime/clock.ts', kind: 'local' },
  // The web console: the custom-login private key JSON (CloudBase console → 自定义登录 → 私钥下载), on weblogin only.
  // Optional: without it the rest deploys and weblogin answers INTERNAL, saying so in its log.
  CUSTOM_LOGIN_KEY: { file: 'runtime/customLogin.ts', kind: 'optional' },
  TCB_ENV: { file: 'runtime/customLogin.ts', kind: 'platform' },
  SCF_NAMESPACE: { file: 'runtime/customLogin.ts', kind: 'platform' },
  TCB_CONTEXT_KEYS: { file: 'runtime/cloud.ts', kind: 'platform' },
  WX_CONTEXT_KEYS: { file: 'runtime/cloud.ts', kind: 'platform' },
};

export interface FunctionInput {
  name: string;
  /** Parsed cloudfunctions/<name>/config.json (checked by the planner). */
  config: unknown;
  /** build/cloudfunctions/<name>/ has index.js, package.json and config.json. */
  built: boolean;
  /** The FUNCTION_ENV names whose declaring file this function's sources import (directly or not). */
  reads: string[];
}

export interface RepoInputs {
  root: string;
  indexes: unknown;
  rules: unknown;
  functions: FunctionInput[];
  /** client/dist/weapp/app.json exists. */
  weappBuilt: boolean;
  /** client/dist/web/index.html exists (the web console, `npm run build:web`). */
  webBuilt: boolean;
  /** The root project.config.json (DevTools'): appid and compile settings. */
  projectConfig: { appid?: string; setting?: Record<string, unknown> };
  packageVersion: string;
}

export const paths = (root: string) => ({
  indexes: path.join(root, 'cloudfunctions', 'database', 'indexes.json'),
  rules: path.join(root, 'cloudfunctions', 'database', 'security-rules.json'),
  sources: path.join(root, 'cloudfunctions'),
  built: path.join(root, 'build', 'cloudfunctions'),
  weapp: path.join(root, 'client', 'dist', 'weapp'),
  web: path.join(root, 'client', 'dist', 'web'),
});

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path.relative(ROOT, file) || file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The same rule as scripts/build-functions.js: a folder with index.ts and config.json is a function. */
export function sourceFunctionNames(root: string): string[] {
  const src = paths(root).sources;
  return fs.readdirSync(src).filter((name) => {
    const dir = path.join(src, name);
    return fs.statSync(dir).isDirectory() && fs.existsSync(path.join(dir, 'index.ts')) && fs.existsSync(path.join(dir, 'config.json'));
  }).sort();
}

/** Relative module specifiers of a source file (comments stripped first). */
function relativeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const re of [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"](\.[^'"]*)['"]/g,
    /\bimport\s*['"](\.[^'"]*)['"]/g,
    /\b(?:import|require)\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g,
  ]) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

function resolveSource(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every source file a function's index.ts reaches through relative imports (type-only imports included). */
export function reachableSources(root: string, name: string): Set<string> {
  const seen = new Set<string>();
  const queue = [path.join(paths(root).sources, name, 'index.ts')];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[jt]s$/.test(file)) continue;
    for (const spec of relativeImports(fs.readFileSync(file, 'utf8'))) {
      const target = resolveSource(file, spec);
      if (target) queue.push(target);
    }
  }
  return seen;
}

export function readInputs(root: string = ROOT): RepoInputs {
  const p = paths(root);
  const functions = sourceFunctionNames(root).map((name): FunctionInput => {
    const reached = reachableSources(root, name);
    const reads = Object.entries(FUNCTION_ENV)
      .filter(([, v]) => reached.has(path.join(p.sources, v.file)))
      .map(([k]) => k);
    const out = path.join(p.built, name);
    return {
      name,
      config: readJson(path.join(p.sources, name, 'config.json')),
      built: ['index.js', 'package.json', 'config.json'].every((f) => fs.existsSync(path.join(out, f))),
      reads,
    };
  });
  const project = (readJson(path.join(root, 'project.config.json')) ?? {}) as RepoInputs['projectConfig'];
  const pkg = (readJson(path.join(root, 'package.json')) ?? {}) as { version?: string };
  return {
    root,
    indexes: readJson(p.indexes),
    rules: readJson(p.rules),
    functions,
    weappBuilt: fs.existsSync(path.join(p.weapp, 'app.json')),
    webBuilt: fs.existsSync(path.join(p.web, 'index.html')),
    projectConfig: project,
    packageVersion: pkg.version ?? '0.0.0',
  };
}
