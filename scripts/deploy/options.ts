// The command line and the environment of `npm run deploy`, checked for form only (the planner checks for
// completeness). Secrets come from environment variables, never from the command line.
import fs from 'fs';
import path from 'path';
import { FUNCTION_ENV } from './inputs';
import { PARTS, type Part } from './steps';

export interface DeployOptions {
  env: string;
  parts: Part[];
  dryRun: boolean;
  appid?: string;
  privateKeyPath?: string;
  privateKeyExists: boolean;
  secretId?: string;
  secretKey?: string;
  sessionToken?: string;
  version?: string;
  desc?: string;
  robot: number;
  runtime: string;
  /** Values for the functions' variables (FUNCTION_ENV) found in the deploy's environment. */
  variables: Record<string, string>;
}

/** The runtime a function is created with; the bundles target node16 (scripts/build-functions.js). */
export const DEFAULT_RUNTIME = 'Nodejs16.13';

export const USAGE = `Usage: npm run deploy -- --env <cloud env id> [options]

Deploys the database (collections, indexes, security rules), the cloud functions (code, timeout, environment
variables, timer triggers), the mini-program and, when built (\`WEB_CONSOLE_ENV=<env id> npm run build:web\`), the
web console to static hosting, in that order.

  --env <id>              cloud environment id (required)
  --only <parts>          database, functions, miniprogram and/or web, comma-separated (default: all)
  --appid <appid>         mini-program AppID (default: WX_APPID, then project.config.json)
  --private-key <path>    miniprogram-ci upload key (default: WX_CI_PRIVATE_KEY_PATH)
  --version <x.y.z>       mini-program version (default: package.json's version)
  --desc <text>           mini-program upload description
  --robot <1-30>          miniprogram-ci robot number (default 1)
  --runtime <runtime>     runtime of functions created by this run (default ${DEFAULT_RUNTIME})
  --dry-run               print every step in order and call nothing

Environment: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for a temporary key)
for @cloudbase/manager-node; MEMBER_CODE_SECRET for the functions that sign member codes (kept from the functions
when not given); optionally LOYALTY_CONFIG_TTL_MS, STORES_TTL_MS, CHANNEL_TTL_MS, MALL_ITEM_TTL_MS, and CUSTOM_LOGIN_KEY (the custom-login private key
JSON, for the web console's sign-in: weblogin).`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = ['env', 'only', 'appid', 'private-key', 'version', 'desc', 'robot', 'runtime'] as const;
type ValueFlag = typeof VALUE_FLAGS[number];

export function parseOptions(argv: string[], environment: Record<string, string | undefined>, cwd = process.cwd()): DeployOptions {
  const values: Partial<Record<ValueFlag, string>> = {};
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') { dryRun = true; continue; }
    if (arg === '--help' || arg === '-h') throw new UsageError('Help:');
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !(VALUE_FLAGS as readonly string[]).includes(m[1])) throw new UsageError(`Unknown argument "${arg}".`);
    const flag = m[1] as ValueFlag;
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${flag} needs a value.`);
    values[flag] = value;
  }

  const env = values.env?.trim();
  if (!env) throw new UsageError('--env <cloud env id> is required.');

  let parts: Part[] = [...PARTS];
  if (values.only !== undefined) {
    const asked = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = asked.filter((p) => !(PARTS as readonly string[]).includes(p));
    if (unknown.length || !asked.length) throw new UsageError(`--only takes ${PARTS.join(', ')} (comma-separated), not "${values.only}".`);
    parts = PARTS.filter((p) => asked.includes(p));
  }

  let robot = 1;
  if (values.robot !== undefined) {
    robot = Number(values.robot);
    if (!Number.isInteger(robot) || robot < 1 || robot > 30) throw new UsageError(`--robot is a whole number from 1 to 30, not "${values.robot}".`);
  }

  const keyPath = values['private-key'] ?? environment.WX_CI_PRIVATE_KEY_PATH;
  const privateKeyPath = keyPath ? path.resolve(cwd, keyPath) : undefined;
  const variables: Record<string, string> = {};
  for (const [name, v] of Object.entries(FUNCTION_ENV)) {
    const value = environment[name];
    if (v.kind !== 'local' && v.kind !== 'platform' && value !== undefined && value !== '') variables[name] = value;
  }

  return {
    env,
    parts,
    dryRun,
    appid: values.appid ?? environment.WX_APPID,
    privateKeyPath,
    privateKeyExists: privateKeyPath !== undefined && fs.existsSync(privateKeyPath) && fs.statSync(privateKeyPath).isFile(),
    secretId: environment.TENCENTCLOUD_SECRETID || undefined,
    secretKey: environment.TENCENTCLOUD_SECRETKEY || undefined,
    sessionToken: environment.TENCENTCLOUD_SESSIONTOKEN || undefined,
    version: values.version,
    desc: values.desc,
    robot,
    runtime: values.runtime ?? DEFAULT_RUNTIME,
    variables,
  };
}
