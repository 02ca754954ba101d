// The planner: from the repository's files (inputs.ts) and the operator's options (options.ts) to the ordered list
// of steps (steps.ts). Pure: it reads nothing and calls nothing. Malformed repository files throw a PlanError;
// what the operator has not supplied yet (credentials, key file, builds) is returned as `missing`, which stops a
// real run before its first call and is printed after a dry run's steps.
import path from 'path';
import { MIN_CODE_SECRET_LENGTH, PUBLIC_DEFAULT_CODE_SECRET } from '../../cloudfunctions/runtime/codeSecret';
import { FUNCTION_ENV, paths, type RepoInputs } from './inputs';
import type { DeployOptions } from './options';
import type { CreateIndex, Step, TimerTrigger } from './steps';

export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(`The deploy cannot be planned:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

export interface Plan { steps: Step[]; missing: string[] }

interface IndexSpec { name: string; keys: Record<string, number | string>; unique?: boolean; sparse?: boolean }

const INDEXES_FILE = 'cloudfunctions/database/indexes.json';
const RULES_FILE = 'cloudfunctions/database/security-rules.json';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkIndexes(raw: unknown, problems: string[]): Record<string, IndexSpec[]> {
  if (raw === undefined) { problems.push(`${INDEXES_FILE} is missing.`); return {}; }
  if (!isObject(raw)) { problems.push(`${INDEXES_FILE} must be an object of collection name to index list.`); return {}; }
  const out: Record<string, IndexSpec[]> = {};
  for (const [collection, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) { problems.push(`${INDEXES_FILE}: "${collection}" must be a list of indexes.`); continue; }
    const names = new Set<string>();
    out[collection] = [];
    list.forEach((spec, i) => {
      const where = `${INDEXES_FILE}: ${collection}[${i}]`;
      if (!isObject(spec) || typeof spec.name !== 'string' || !spec.name) { problems.push(`${where} has no name.`); return; }
      if (names.has(spec.name)) problems.push(`${where}: the index name "${spec.name}" is used twice in ${collection}.`);
      names.add(spec.name);
      if (!isObject(spec.keys) || !Object.keys(spec.keys).length) { problems.push(`${where} (${spec.name}) has no keys.`); return; }
      for (const [field, dir] of Object.entries(spec.keys)) {
        if (dir !== 1 && dir !== -1 && dir !== '2dsphere') problems.push(`${where} (${spec.name}): key "${field}" must be 1, -1 or "2dsphere", not ${JSON.stringify(dir)}.`);
      }
      out[collection].push(spec as unknown as IndexSpec);
    });
  }
  return out;
}

function checkRules(raw: unknown, collections: string[], problems: string[]): Record<string, unknown> {
  if (raw === undefined) { problems.push(`${RULES_FILE} is missing.`); return {}; }
  if (!isObject(raw)) { problems.push(`${RULES_FILE} must be an object of collection name to rule.`); return {}; }
  for (const c of collections) if (!(c in raw)) problems.push(`${RULES_FILE} has no rule for the collection "${c}" (${INDEXES_FILE} lists it).`);
  for (const [c, rule] of Object.entries(raw)) {
    if (!isObject(rule) || !('read' in rule) || !('write' in rule)) problems.push(`${RULES_FILE}: the rule of "${c}" must have "read" and "write".`);
  }
  return raw;
}

function createIndex(spec: IndexSpec): CreateIndex {
  return {
    IndexName: spec.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(spec.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
      MgoIsUnique: spec.unique === true,
    },
  };
}

function databaseSteps(inputs: RepoInputs, problems: string[]): Step[] {
  const indexes = checkIndexes(inputs.indexes, problems);
  const rules = checkRules(inputs.rules, Object.keys(indexes), problems);
  const collections = [...new Set([...Object.keys(indexes), ...Object.keys(rules)])];
  const steps: Step[] = collections.map((collection) => ({
    part: 'database', call: 'database.createCollectionIfNotExists', title: `collection ${collection}: create it if missing`, args: { collection },
  }));
  for (const [collection, specs] of Object.entries(indexes)) {
    const plain = specs.filter((s) => !s.sparse);
    if (plain.length) steps.push({
      part: 'database', call: 'database.updateCollection',
      title: `collection ${collection}: create the missing ones of its indexes ${plain.map((s) => s.name).join(', ')}`,
      args: { collection, CreateIndexes: plain.map(createIndex) },
    });
    for (const s of specs.filter((x) => x.sparse)) steps.push({
      part: 'database', call: 'database.runCommands',
      title: `collection ${collection}: create the sparse index ${s.name} if missing`,
      args: { collection, index: { name: s.name, key: s.keys, unique: s.unique === true, sparse: true } },
    });
  }
  for (const collection of collections) if (rules[collection] !== undefined) steps.push({
    part: 'database', call: 'permission.modifyResourcePermission', title: `collection ${collection}: set its security rule`,
    args: { resourceType: 'collection', resource: collection, permission: 'CUSTOM', securityRule: JSON.stringify(rules[collection]) },
  });
  return steps;
}

interface FunctionConfig { timeout: number; triggers: TimerTrigger[]; openapi: string[] }

function checkFunctionConfig(name: string, raw: unknown, problems: string[]): FunctionConfig {
  const where = `cloudfunctions/${name}/config.json`;
  if (!isObject(raw)) { problems.push(`${where} is missing or not an object.`); return { timeout: 3, triggers: [], openapi: [] }; }
  const timeout = raw.timeout ?? 3;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 900) problems.push(`${where}: "timeout" must be whole seconds from 1 to 900.`);
  const triggers: TimerTrigger[] = [];
  const list = raw.triggers ?? [];
  if (!Array.isArray(list)) problems.push(`${where}: "triggers" must be a list.`);
  else list.forEach((t, i) => {
    if (!isObject(t) || t.type !== 'timer' || typeof t.name !== 'string' || !t.name || typeof t.config !== 'string') {
      problems.push(`${where}: triggers[${i}] must be { "name": ..., "type": "timer", "config": "<7-field cron>" } (only timer triggers exist).`);
    } else if (t.config.trim().split(/\s+/).length !== 7) {
      problems.push(`${where}: trigger "${t.name}" has the cron "${t.config}"; CloudBase timers take 7 fields (sec min hour day month weekday year).`);
    } else triggers.push({ name: t.name, type: 'timer', config: t.config });
  });
  // Cloud calls (cloud.openapi.*) the function may make: uploaded with its code (config.json), read by the platform.
  const permissions = isObject(raw.permissions) ? raw.permissions : {};
  const openapi = permissions.openapi ?? [];
  if (!Array.isArray(openapi) || openapi.some((a) => typeof a !== 'string' || !/^[A-Za-z]+\.[A-Za-z]+$/.test(a))) {
    problems.push(`${where}: "permissions.openapi" must list open API names such as "subscribeMessage.send".`);
  }
  return { timeout: typeof timeout === 'number' ? timeout : 3, triggers, openapi: Array.isArray(openapi) ? openapi.filter((a): a is string => typeof a === 'string') : [] };
}

function functionSteps(inputs: RepoInputs, options: DeployOptions, appid: string, problems: string[], missing: string[]): Step[] {
  if (!inputs.functions.length) problems.push('cloudfunctions/ has no function (a folder with index.ts and config.json).');
  const builtRoot = paths(inputs.root).built;
  const unbuilt = inputs.functions.filter((f) => !f.built).map((f) => f.name);
  if (unbuilt.length) missing.push(`build/cloudfunctions/ lacks ${unbuilt.join(', ')}: run \`npm run build:functions\` first.`);

  const secret = options.variables.MEMBER_CODE_SECRET?.trim();
  if (secret !== undefined) {
    if (secret === PUBLIC_DEFAULT_CODE_SECRET) problems.push('MEMBER_CODE_SECRET is the public default from the repository: use a random one (`openssl rand -base64 32`).');
    else if (secret.length < MIN_CODE_SECRET_LENGTH) problems.push(`MEMBER_CODE_SECRET is shorter than ${MIN_CODE_SECRET_LENGTH} characters: use a random one (\`openssl rand -base64 32\`).`);
  }

  const steps: Step[] = [];
  for (const fn of inputs.functions) {
    const config = checkFunctionConfig(fn.name, fn.config, problems);
    const fnPath = path.join(builtRoot, fn.name);
    steps.push({
      part: 'functions', call: 'functions.createFunction', title: `function ${fn.name}: create it if missing (${options.runtime})`,
      args: { name: fn.name, runtime: options.runtime, timeout: config.timeout, functionRootPath: builtRoot },
    });
    steps.push({
      part: 'functions', call: 'ci.cloud.uploadFunction', title: `function ${fn.name}: upload its code, dependencies installed in the cloud${config.openapi.length ? `, cloud calls ${config.openapi.join(', ')} (config.json permissions.openapi)` : ''}`,
      args: { env: options.env, name: fn.name, path: fnPath, remoteNpmInstall: true, appid, privateKeyPath: options.privateKeyPath ?? '' },
    });
    const envVariables: Record<string, string> = {};
    const keepVariables: string[] = [];
    const secretVariables: string[] = [];
    for (const name of fn.reads) {
      const kind = FUNCTION_ENV[name].kind;
      if (kind === 'local' || kind === 'platform') continue;
      if (kind === 'secret') secretVariables.push(name);
      const value = options.variables[name];
      if (value !== undefined) envVariables[name] = kind === 'secret' ? value.trim() : value;
      else if (kind === 'secret') keepVariables.push(name);
    }
    steps.push({
      part: 'functions', call: 'functions.updateFunctionConfig',
      title: `function ${fn.name}: timeout ${config.timeout} s${Object.keys(envVariables).length ? `, set ${Object.keys(envVariables).join(', ')}` : ''}${keepVariables.length ? `, keep ${keepVariables.join(', ')}` : ''}`,
      args: { name: fn.name, timeout: config.timeout, envVariables, keepVariables, secretVariables },
    });
    if (config.triggers.length) steps.push({
      part: 'functions', call: 'functions.createFunctionTriggers',
      title: `function ${fn.name}: timer triggers ${config.triggers.map((t) => `${t.name} (${t.config})`).join(', ')}`,
      args: { name: fn.name, triggers: config.triggers },
    });
  }
  return steps;
}

function miniprogramStep(inputs: RepoInputs, options: DeployOptions, appid: string, missing: string[]): Step {
  if (!inputs.weappBuilt) missing.push('client/dist/weapp/ is not built: run `npm run build:weapp` first (with your environment id in client/src/cloud.config.ts).');
  const version = options.version ?? inputs.packageVersion;
  const s = inputs.projectConfig.setting ?? {};
  return {
    part: 'miniprogram', call: 'ci.upload', title: `mini-program: upload version ${version} from client/dist/weapp`,
    args: {
      appid,
      projectPath: paths(inputs.root).weapp,
      privateKeyPath: options.privateKeyPath ?? '',
      version,
      desc: options.desc ?? `wx-membership ${version}, cloud environment ${options.env}`,
      robot: options.robot,
      // The same compile settings DevTools uses for this project (project.config.json).
      setting: { es6: s.es6 === true, minify: s.minified === true, autoPrefixWXSS: s.postcss === true },
    },
  };
}

/**
 * The web console to static hosting. Deployed when built (`npm run build:web` with WEB_CONSOLE_ENV set to this
 * environment); not built, it is skipped, unless asked for alone (`--only web`).
 */
function webStep(inputs: RepoInputs, options: DeployOptions, missing: string[]): Step[] {
  const asked = options.parts.length === 1;
  if (!inputs.webBuilt) {
    if (asked) missing.push(`client/dist/web/ is not built: run \`WEB_CONSOLE_ENV=${options.env} npm run build:web\` first.`);
    return [];
  }
  return [{ part: 'web', call: 'hosting.uploadFiles', title: 'web console: upload client/dist/web to static hosting (its root)', args: { localPath: paths(inputs.root).web, cloudPath: '' } }];
}

export function planDeploy(inputs: RepoInputs, options: DeployOptions): Plan {
  const problems: string[] = [];
  const missing: string[] = [];
  const wants = (p: string) => (options.parts as string[]).includes(p);
  const usesCi = wants('functions') || wants('miniprogram');
  const usesManager = wants('functions') || wants('database') || (wants('web') && inputs.webBuilt);

  if (!/^[A-Za-z0-9-]+$/.test(options.env)) problems.push(`--env "${options.env}" is not a cloud environment id (letters, digits and "-").`);
  if (options.version !== undefined && !/^\d+\.\d+\.\d+([-.][0-9A-Za-z.-]+)?$/.test(options.version)) problems.push(`--version "${options.version}" is not a version like 1.2.3.`);

  let appid = options.appid ?? inputs.projectConfig.appid ?? '';
  if (appid === 'touristappid') appid = '';
  if (usesCi) {
    if (!appid) missing.push('No AppID: pass --appid <appid> or set WX_APPID (project.config.json has only "touristappid").');
    else if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push(`The AppID "${appid}" does not look like one (wx followed by 16 hexadecimal characters).`);
    if (!options.privateKeyPath) missing.push('No miniprogram-ci key: pass --private-key <path> or set WX_CI_PRIVATE_KEY_PATH (微信公众平台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传密钥).');
    else if (!options.privateKeyExists) missing.push(`The miniprogram-ci key file ${options.privateKeyPath} does not exist.`);
  }
  if (usesManager && (!options.secretId || !options.secretKey)) {
    missing.push('No Tencent Cloud API key for @cloudbase/manager-node: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY.');
  }

  const steps: Step[] = [];
  if (wants('database')) steps.push(...databaseSteps(inputs, problems));
  if (wants('functions')) steps.push(...functionSteps(inputs, options, appid, problems, missing));
  if (wants('miniprogram')) steps.push(miniprogramStep(inputs, options, appid, missing));
  if (wants('web')) steps.push(...webStep(inputs, options, missing));
  if (problems.length) throw new PlanError(problems);
  return { steps, missing };
}
