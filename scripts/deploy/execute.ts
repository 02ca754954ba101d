// The executor: runs planned steps against the two packages' API surfaces (the parts of miniprogram-ci and
// @cloudbase/manager-node that the deploy uses, typed here so tests can hand in fakes that record calls). Each step
// reads the state it would change first, so a second run creates nothing twice; the first failing call stops the
// run with a message naming the step.
import type { Step, TimerTrigger } from './steps';
import { describeStep } from './steps';

/** The part of miniprogram-ci the deploy calls. */
export interface CiApi {
  /** Makes a miniprogram-ci Project (new ci.Project(...)). */
  project(options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }): unknown;
  upload(options: {
    project: unknown; version: string; desc?: string; robot?: number;
    setting?: { es6?: boolean; minify?: boolean; autoPrefixWXSS?: boolean };
    onProgressUpdate?: (task: unknown) => void;
  }): Promise<unknown>;
  uploadFunction(options: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<{ filesCount: number; packSize: number }>;
}

export interface IndexState { Name: string; Keys?: { Name?: string; Direction?: string }[]; Unique?: boolean }
export interface FunctionState {
  Timeout?: number;
  InstallDependency?: string;
  Environment?: { Variables?: { Key: string; Value: string }[] };
  Triggers?: { TriggerName?: string; Type?: string; TriggerDesc?: string }[];
}

/** The part of @cloudbase/manager-node's CloudBase the deploy calls. */
export interface ManagerApi {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: IndexState[] }>;
    updateCollection(name: string, info: { CreateIndexes?: unknown[] }): Promise<unknown>;
    runCommands(options: { MgoCommands: { TableName: string; CommandType: string; Command: string }[] }): Promise<unknown>;
  };
  permission: {
    describeResourcePermission(options: { resourceType: 'collection'; resources?: string[] }): Promise<{ Data: { PermissionList: { Resource?: string; Permission?: string; SecurityRule?: string }[] } }>;
    modifyResourcePermission(options: { resourceType: 'collection'; resource?: string; permission: 'CUSTOM'; securityRule?: string }): Promise<unknown>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<FunctionState>;
    createFunction(params: {
      func: { name: string; runtime: string; timeout: number; handler: string; installDependency: boolean };
      functionRootPath: string; force: boolean;
    }): Promise<unknown>;
    updateFunctionConfig(func: { name: string; timeout: number; installDependency: boolean; envVariables: Record<string, string> }): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: TimerTrigger[]): Promise<unknown>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
    /** Resolves once the function is Active again (SCF refuses changes while it is updating). */
    waitFunctionActive(name: string): Promise<void>;
  };
  hosting: {
    /** The environment's static hosting (empty: not enabled). */
    getInfo(): Promise<unknown[]>;
    uploadFiles(options: { localPath: string; cloudPath: string }): Promise<unknown>;
  };
}

export interface Tools { ci: () => CiApi; manager: () => ManagerApi }

export class DeployStepError extends Error {
  constructor(readonly step: Step, readonly index: number, readonly total: number, readonly cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Step ${index + 1}/${total} failed: ${step.title} (${step.call}).\n  ${reason}\nNothing after it was run; fix the cause and run the deploy again (finished steps are skipped as already done).`);
    this.name = 'DeployStepError';
  }
}

const sameKeys = (a: IndexState, b: { Name: string; Direction: string }[]) =>
  JSON.stringify((a.Keys ?? []).map((k) => [k.Name, String(k.Direction)])) === JSON.stringify(b.map((k) => [k.Name, k.Direction]));

function isNotFound(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return /ResourceNotFound/.test(String(e?.code ?? '')) || /ResourceNotFound/.test(String(e?.message ?? ''));
}

/** A timer trigger's cron as the function reports it (TriggerDesc is `{"cron":"..."}` or the bare cron). */
function cronOf(desc: string | undefined): string {
  if (!desc) return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim();
  } catch { /* a bare cron */ }
  return desc.trim();
}

const sameRule = (a: string | undefined, b: string) => {
  try {
    return a !== undefined && JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
};

/** Runs one step; returns what it did in a few words. */
async function runStep(step: Step, tools: Tools, log: (line: string) => void): Promise<string> {
  switch (step.call) {
    case 'database.createCollectionIfNotExists': {
      const res = await tools.manager().database.createCollectionIfNotExists(step.args.collection);
      return res.IsCreated ? 'created' : 'exists';
    }
    case 'database.updateCollection': {
      const { collection, CreateIndexes } = step.args;
      const existing = (await tools.manager().database.describeCollection(collection)).Indexes ?? [];
      const missing = CreateIndexes.filter((i) => {
        const found = existing.find((e) => e.Name === i.IndexName);
        if (found && !sameKeys(found, i.MgoKeySchema.MgoIndexKeys)) {
          log(`    warning: the index ${i.IndexName} of ${collection} exists with other keys; left as it is (drop it in the console to have it recreated)`);
        }
        return !found;
      });
      if (!missing.length) return 'all exist';
      await tools.manager().database.updateCollection(collection, { CreateIndexes: missing });
      return `created ${missing.map((i) => i.IndexName).join(', ')}`;
    }
    case 'database.runCommands': {
      const { collection, index } = step.args;
      const existing = (await tools.manager().database.describeCollection(collection)).Indexes ?? [];
      if (existing.some((e) => e.Name === index.name)) return 'exists';
      await tools.manager().database.runCommands({
        MgoCommands: [{ TableName: collection, CommandType: 'COMMAND', Command: JSON.stringify({ createIndexes: collection, indexes: [index] }) }],
      });
      return 'created';
    }
    case 'permission.modifyResourcePermission': {
      const { resource, securityRule } = step.args;
      const res = await tools.manager().permission.describeResourcePermission({ resourceType: 'collection', resources: [resource] });
      const current = (res.Data?.PermissionList ?? []).find((p) => p.Resource === resource);
      if (current?.Permission === 'CUSTOM' && sameRule(current.SecurityRule, securityRule)) return 'unchanged';
      await tools.manager().permission.modifyResourcePermission(step.args);
      return 'set';
    }
    case 'functions.createFunction': {
      const { name, runtime, timeout, functionRootPath } = step.args;
      try {
        await tools.manager().functions.getFunctionDetail(name);
        return 'exists';
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      await tools.manager().functions.createFunction({
        func: { name, runtime, timeout, handler: 'index.main', installDependency: true }, functionRootPath, force: false,
      });
      return 'created';
    }
    case 'ci.cloud.uploadFunction': {
      const { appid, privateKeyPath, env, name, path } = step.args;
      const ci = tools.ci();
      const project = ci.project({ appid, type: 'miniProgram', projectPath: path, privateKeyPath });
      const res = await ci.uploadFunction({ project, env, name, path, remoteNpmInstall: true });
      return `uploaded ${res?.filesCount ?? '?'} files, ${res?.packSize ?? '?'} bytes`;
    }
    case 'functions.updateFunctionConfig': {
      const { name, timeout, envVariables, keepVariables } = step.args;
      const detail = await tools.manager().functions.getFunctionDetail(name);
      const current = Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
      const lacking = keepVariables.filter((k) => !current[k]);
      if (lacking.length) {
        throw new Error(`the function ${name} has no ${lacking.join(', ')} and this run was not given one: set ${lacking.join(', ')} in the deploy's environment (for MEMBER_CODE_SECRET: \`openssl rand -base64 32\`, the same value on every run and function).`);
      }
      // Variables set in the console and not managed here are kept; the managed ones are set.
      const merged = { ...current, ...envVariables };
      const unchanged = detail.Timeout === timeout && detail.InstallDependency === 'TRUE'
        && JSON.stringify(Object.entries(merged).sort()) === JSON.stringify(Object.entries(current).sort());
      if (unchanged) return 'unchanged';
      await tools.manager().functions.updateFunctionConfig({ name, timeout, installDependency: true, envVariables: merged });
      await tools.manager().functions.waitFunctionActive(name);
      return 'updated';
    }
    case 'functions.createFunctionTriggers': {
      const { name, triggers } = step.args;
      const existing = (await tools.manager().functions.getFunctionDetail(name)).Triggers ?? [];
      const toCreate: TimerTrigger[] = [];
      for (const t of triggers) {
        const found = existing.find((e) => e.TriggerName === t.name);
        if (found && cronOf(found.TriggerDesc) === t.config.trim()) continue;
        if (found) await tools.manager().functions.deleteFunctionTrigger(name, t.name);
        toCreate.push(t);
      }
      for (const e of existing) {
        if (e.TriggerName && !triggers.some((t) => t.name === e.TriggerName)) log(`    note: the function ${name} also has the trigger ${e.TriggerName}, not in its config.json; left as it is`);
      }
      if (!toCreate.length) return 'unchanged';
      await tools.manager().functions.createFunctionTriggers(name, toCreate);
      return `created ${toCreate.map((t) => t.name).join(', ')}`;
    }
    case 'hosting.uploadFiles': {
      const info = await tools.manager().hosting.getInfo();
      if (!info?.length) throw new Error('static hosting is not enabled in this environment: enable it once (云开发控制台 → 静态网站托管 → 开通), then run the deploy again.');
      // Uploading overwrites files of the same path: a re-run leaves the same site.
      await tools.manager().hosting.uploadFiles(step.args);
      return `uploaded ${step.args.localPath}`;
    }
    case 'ci.upload': {
      const { appid, projectPath, privateKeyPath, version, desc, robot, setting } = step.args;
      const ci = tools.ci();
      const project = ci.project({ appid, type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] });
      await ci.upload({ project, version, desc, robot, setting });
      return `uploaded version ${version}`;
    }
  }
}

/** Prints every step in order and calls nothing. */
export function printSteps(steps: Step[], log: (line: string) => void = console.log): void {
  steps.forEach((s, i) => log(describeStep(s, i, steps.length)));
}

/** Runs the steps in order; the first failure stops the run with a DeployStepError. */
export async function executeSteps(steps: Step[], tools: Tools, log: (line: string) => void = console.log): Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    log(`[${i + 1}/${steps.length}] ${step.title}`);
    let outcome: string;
    try {
      outcome = await runStep(step, tools, log);
    } catch (err) {
      throw new DeployStepError(step, i, steps.length, err);
    }
    log(`    ${outcome}`);
  }
}
