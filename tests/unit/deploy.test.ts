// The deploy (scripts/deploy/): the steps planned from the repository's own files, a dry run that calls nothing,
// idempotent re-runs and a failing call that stops the run, against fakes of the two packages' API surfaces
// (miniprogram-ci, @cloudbase/manager-node) that keep state and record every call, not the network.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DeployStepError, executeSteps, type CiApi, type FunctionState, type IndexState, type ManagerApi, type Tools } from '../../scripts/deploy/execute';
import { deploy } from '../../scripts/deploy/index';
import { FUNCTION_ENV, readInputs, ROOT, sourceFunctionNames, type RepoInputs } from '../../scripts/deploy/inputs';
import { parseOptions, UsageError } from '../../scripts/deploy/options';
import { planDeploy, PlanError } from '../../scripts/deploy/plan';
import type { Step } from '../../scripts/deploy/steps';

const DB = path.join(ROOT, 'cloudfunctions', 'database');
const indexes = JSON.parse(fs.readFileSync(path.join(DB, 'indexes.json'), 'utf8')) as Record<string, { name: string; keys: Record<string, 1 | -1 | string>; unique?: boolean; sparse?: boolean }[]>;
const rules = JSON.parse(fs.readFileSync(path.join(DB, 'security-rules.json'), 'utf8')) as Record<string, unknown>;
const SECRET = 'x'.repeat(24) + 'secret-for-tests-only-0123456789';
const APPID = 'wx0123456789abcdef';

// A key file that exists (its content is never read by the fakes). Made before the describe blocks plan.
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
const keyFile = path.join(keyDir, 'private.key');
fs.writeFileSync(keyFile, '-----BEGIN RSA PRIVATE KEY-----\nnot a real key\n-----END RSA PRIVATE KEY-----\n');
afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

const ENV = () => ({ TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test-key', MEMBER_CODE_SECRET: SECRET, WX_CI_PRIVATE_KEY_PATH: keyFile });
const ARGS = ['--env', 'prod-1a2b3c', '--appid', APPID, '--version', '1.4.0', '--desc', 'release 1.4.0'];

/** The repository's own files, with every function and the mini-program taken as built (no build needed). */
function repo(): RepoInputs {
  const inputs = readInputs(ROOT);
  return { ...inputs, weappBuilt: true, functions: inputs.functions.map((f) => ({ ...f, built: true })) };
}

function plan(args: string[] = ARGS, env: Record<string, string | undefined> = ENV(), inputs: RepoInputs = repo()) {
  return planDeploy(inputs, parseOptions(args, env));
}

const functionConfig = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as { timeout?: number; triggers?: { name: string; type: string; config: string }[] };

// ---- fakes: state plus a record of calls ----

interface Recorded { call: string; args: unknown[] }

class FakeCloud {
  calls: Recorded[] = [];
  collections = new Map<string, IndexState[]>();
  permissions = new Map<string, { Permission: string; SecurityRule?: string }>();
  functions = new Map<string, FunctionState & { code?: string }>();
  failOn: ((call: string, args: unknown[]) => Error | null) | null = null;
  hostingEnabled = true;
  hosted: string[] = [];

  private rec(call: string, ...args: unknown[]) {
    this.calls.push({ call, args });
    const err = this.failOn?.(call, args);
    if (err) throw err;
  }

  private notFound(what: string) {
    return Object.assign(new Error(`[ResourceNotFound] ${what} not found`), { code: 'ResourceNotFound.Function' });
  }

  manager(): ManagerApi {
    return {
      database: {
        createCollectionIfNotExists: async (name) => {
          this.rec('database.createCollectionIfNotExists', name);
          if (this.collections.has(name)) return { IsCreated: false };
          this.collections.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
          return { IsCreated: true };
        },
        describeCollection: async (name) => {
          this.rec('database.describeCollection', name);
          const found = this.collections.get(name);
          if (!found) throw Object.assign(new Error(`collection ${name} does not exist`), { code: 'ResourceNotFound' });
          return { Indexes: found };
        },
        updateCollection: async (name, info) => {
          this.rec('database.updateCollection', name, info);
          const list = this.collections.get(name)!;
          for (const i of (info.CreateIndexes ?? []) as { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[]) {
            if (list.some((e) => e.Name === i.IndexName)) throw new Error(`index ${i.IndexName} already exists`);
            list.push({ Name: i.IndexName, Keys: i.MgoKeySchema.MgoIndexKeys, Unique: i.MgoKeySchema.MgoIsUnique });
          }
        },
        runCommands: async (options) => {
          this.rec('database.runCommands', options);
          for (const c of options.MgoCommands) {
            const cmd = JSON.parse(c.Command) as { createIndexes: string; indexes: { name: string; key: Record<string, number>; unique: boolean }[] };
            const list = this.collections.get(cmd.createIndexes)!;
            for (const i of cmd.indexes) {
              if (list.some((e) => e.Name === i.name)) throw new Error(`index ${i.name} already exists`);
              list.push({ Name: i.name, Keys: Object.entries(i.key).map(([Name, d]) => ({ Name, Direction: String(d) })), Unique: i.unique });
            }
          }
        },
      },
      permission: {
        describeResourcePermission: async (options) => {
          this.rec('permission.describeResourcePermission', options);
          return { Data: { PermissionList: (options.resources ?? []).filter((r) => this.permissions.has(r)).map((r) => ({ Resource: r, ...this.permissions.get(r)! })) } };
        },
        modifyResourcePermission: async (options) => {
          this.rec('permission.modifyResourcePermission', options);
          this.permissions.set(options.resource!, { Permission: options.permission, SecurityRule: options.securityRule });
        },
      },
      functions: {
        getFunctionDetail: async (name) => {
          this.rec('functions.getFunctionDetail', name);
          const fn = this.functions.get(name);
          if (!fn) throw this.notFound(`function ${name}`);
          return JSON.parse(JSON.stringify(fn)) as FunctionState;
        },
        createFunction: async (params) => {
          this.rec('functions.createFunction', params);
          if (this.functions.has(params.func.name)) throw new Error(`function ${params.func.name} already exists`);
          this.functions.set(params.func.name, { Timeout: params.func.timeout, InstallDependency: 'TRUE', Environment: { Variables: [] }, Triggers: [] });
        },
        updateFunctionConfig: async (func) => {
          this.rec('functions.updateFunctionConfig', func);
          const fn = this.functions.get(func.name);
          if (!fn) throw this.notFound(`function ${func.name}`);
          fn.Timeout = func.timeout;
          fn.InstallDependency = func.installDependency ? 'TRUE' : 'FALSE';
          fn.Environment = { Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value })) };
        },
        createFunctionTriggers: async (name, triggers) => {
          this.rec('functions.createFunctionTriggers', name, triggers);
          const fn = this.functions.get(name)!;
          for (const t of triggers) {
            if (fn.Triggers!.some((e) => e.TriggerName === t.name)) throw new Error(`trigger ${t.name} already exists`);
            fn.Triggers!.push({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) });
          }
        },
        deleteFunctionTrigger: async (name, triggerName) => {
          this.rec('functions.deleteFunctionTrigger', name, triggerName);
          const fn = this.functions.get(name)!;
          fn.Triggers = fn.Triggers!.filter((t) => t.TriggerName !== triggerName);
        },
        waitFunctionActive: async (name) => {
          this.rec('functions.waitFunctionActive', name);
        },
      },
      hosting: {
        getInfo: async () => {
          this.rec('hosting.getInfo');
          return this.hostingEnabled ? [{ EnvId: 'prod-1a2b3c', Status: 'online' }] : [];
        },
        uploadFiles: async (options) => {
          this.rec('hosting.uploadFiles', options);
          this.hosted.push(options.localPath);
        },
      },
    };
  }

  ci(): CiApi {
    return {
      project: (options) => {
        this.rec('ci.Project', options);
        return { fakeProject: options };
      },
      uploadFunction: async (options) => {
        this.rec('ci.cloud.uploadFunction', options);
        const fn = this.functions.get(options.name);
        if (!fn) throw new Error(`function ${options.name} does not exist`);
        fn.code = options.path;
        return { filesCount: 3, packSize: 1024 };
      },
      upload: async (options) => {
        this.rec('ci.upload', options);
        return {};
      },
    };
  }

  tools(): Tools {
    const manager = this.manager();
    const ci = this.ci();
    return { manager: () => manager, ci: () => ci };
  }

  /** Calls that change something (reads left out). */
  writes(): Recorded[] {
    return this.calls.filter((c) => !/describe|getFunctionDetail|waitFunctionActive|ci\.Project/.test(c.call));
  }

  creations(): Recorded[] {
    return this.writes().filter((c) => ['database.updateCollection', 'database.runCommands', 'functions.createFunction', 'functions.createFunctionTriggers'].includes(c.call)
      || (c.call === 'database.createCollectionIfNotExists' && !this.existedBefore.has(c.args[0] as string)));
  }

  existedBefore = new Set<string>();
}

const quiet = () => undefined;
const stepsOf = <C extends Step['call']>(steps: Step[], call: C) => steps.filter((s): s is Extract<Step, { call: C }> => s.call === call);

// ---- the plan for the repository's own files ----

describe('the plan for the repository as it is', () => {
  const { steps, missing } = plan();

  test('nothing is missing when credentials, key, secret and builds are there', () => {
    expect(missing).toEqual([]);
  });

  test('the database comes first, then the functions, then the mini-program', () => {
    const order = steps.map((s) => s.part);
    const last = (p: string) => order.lastIndexOf(p as Step['part']);
    const first = (p: string) => order.indexOf(p as Step['part']);
    expect(last('database')).toBeLessThan(first('functions'));
    expect(last('functions')).toBeLessThan(first('miniprogram'));
    expect(steps[steps.length - 1].call).toBe('ci.upload');
  });

  test('every collection of indexes.json and security-rules.json is created if missing, before its indexes', () => {
    const created = stepsOf(steps, 'database.createCollectionIfNotExists').map((s) => s.args.collection);
    expect(created).toEqual([...new Set([...Object.keys(indexes), ...Object.keys(rules)])]);
    const lastCreate = steps.map((s) => s.call).lastIndexOf('database.createCollectionIfNotExists');
    const firstIndex = steps.findIndex((s) => s.call === 'database.updateCollection' || s.call === 'database.runCommands');
    expect(lastCreate).toBeLessThan(firstIndex);
  });

  test('every index of indexes.json is planned once, with its keys, directions and uniqueness', () => {
    const planned = new Map<string, { keys: [string, string][]; unique: boolean; sparse: boolean }>();
    for (const s of stepsOf(steps, 'database.updateCollection')) {
      for (const i of s.args.CreateIndexes) {
        const id = `${s.args.collection}.${i.IndexName}`;
        expect(planned.has(id)).toBe(false);
        planned.set(id, { keys: i.MgoKeySchema.MgoIndexKeys.map((k) => [k.Name, k.Direction]), unique: i.MgoKeySchema.MgoIsUnique, sparse: false });
      }
    }
    for (const s of stepsOf(steps, 'database.runCommands')) {
      const id = `${s.args.collection}.${s.args.index.name}`;
      expect(planned.has(id)).toBe(false);
      planned.set(id, { keys: Object.entries(s.args.index.key).map(([k, d]) => [k, String(d)]), unique: s.args.index.unique, sparse: true });
    }
    const expected = Object.entries(indexes).flatMap(([c, specs]) => specs.map((s) => [`${c}.${s.name}`, {
      keys: Object.entries(s.keys).map(([k, d]) => [k, String(d)]), unique: s.unique === true, sparse: s.sparse === true,
    }] as const));
    expect(planned.size).toBe(expected.length);
    for (const [id, spec] of expected) expect(planned.get(id)).toEqual(spec);
    // Two that other code relies on: the ledger's idempotency key and the outbox cleanup's index.
    expect(planned.get('point_ledger.openid_key_unique')).toEqual({ keys: [['openid', '1'], ['key', '1']], unique: true, sparse: false });
    expect(planned.get('outbox.status_doneAt')).toEqual({ keys: [['status', '1'], ['doneAt', '1']], unique: false, sparse: false });
  });

  test('every collection gets its security rule from security-rules.json, and none is open to clients', () => {
    const set = stepsOf(steps, 'permission.modifyResourcePermission');
    expect(set.map((s) => s.args.resource).sort()).toEqual(Object.keys(rules).sort());
    for (const s of set) {
      expect(s.args).toEqual({ resourceType: 'collection', resource: s.args.resource, permission: 'CUSTOM', securityRule: JSON.stringify(rules[s.args.resource]) });
    }
    for (const c of Object.keys(indexes)) expect(rules[c]).toEqual({ read: false, write: false });
  });

  test('the functions are those scripts/build-functions.js builds', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { functionNames } = require('../../scripts/build-functions.js') as { functionNames: () => string[] };
    expect(sourceFunctionNames(ROOT)).toEqual([...functionNames()].sort());
    expect(sourceFunctionNames(ROOT)).toEqual(expect.arrayContaining(['member', 'mall', 'staff', 'order', 'jobs', 'admin']));
  });

  test('every function is created if missing, uploaded with cloud-installed dependencies, configured from its config.json, in that order', () => {
    for (const name of sourceFunctionNames(ROOT)) {
      const own = steps.filter((s) => 'name' in s.args && s.args.name === name && s.part === 'functions');
      const config = functionConfig(name);
      const calls = own.map((s) => s.call);
      expect(calls).toEqual(['functions.createFunction', 'ci.cloud.uploadFunction', 'functions.updateFunctionConfig', ...(config.triggers?.length ? ['functions.createFunctionTriggers'] : [])]);
      const [create, upload, configure] = own as [Extract<Step, { call: 'functions.createFunction' }>, Extract<Step, { call: 'ci.cloud.uploadFunction' }>, Extract<Step, { call: 'functions.updateFunctionConfig' }>];
      expect(create.args).toMatchObject({ name, runtime: 'Nodejs16.13', timeout: config.timeout ?? 3, functionRootPath: path.join(ROOT, 'build', 'cloudfunctions') });
      expect(upload.args).toEqual({ env: 'prod-1a2b3c', name, path: path.join(ROOT, 'build', 'cloudfunctions', name), remoteNpmInstall: true, appid: APPID, privateKeyPath: keyFile });
      expect(configure.args.timeout).toBe(config.timeout ?? 3);
      if (config.triggers?.length) {
        const triggers = own[3] as Extract<Step, { call: 'functions.createFunctionTriggers' }>;
        expect(triggers.args.triggers).toEqual(config.triggers);
      }
    }
    const jobs = stepsOf(steps, 'functions.createFunctionTriggers').find((s) => s.args.name === 'jobs');
    expect(jobs?.args.triggers).toEqual(functionConfig('jobs').triggers);
  });

  test('the function that sends subscription messages declares the cloud call, and the plan says so', () => {
    expect((functionConfig('notify') as { permissions?: { openapi?: string[] } }).permissions?.openapi).toEqual(['subscribeMessage.send']);
    const upload = stepsOf(steps, 'ci.cloud.uploadFunction').find((s) => s.args.name === 'notify');
    expect(upload?.title).toContain('cloud calls subscribeMessage.send');
    const inputs = repo();
    let error: PlanError | undefined;
    try {
      planDeploy({ ...inputs, functions: inputs.functions.map((f) => f.name === 'notify' ? { ...f, config: { timeout: 60, permissions: { openapi: 'subscribeMessage.send' } } } : f) }, parseOptions(ARGS, ENV()));
    } catch (e) { error = e as PlanError; }
    expect(error!.problems).toEqual(['cloudfunctions/notify/config.json: "permissions.openapi" must list open API names such as "subscribeMessage.send".']);
  });

  test('MEMBER_CODE_SECRET goes to every function that signs or reads member codes, and to no other', () => {
    const configs = stepsOf(steps, 'functions.updateFunctionConfig');
    const holders = configs.filter((s) => 'MEMBER_CODE_SECRET' in s.args.envVariables).map((s) => s.args.name);
    expect(holders).toEqual(expect.arrayContaining(['member', 'mall', 'staff', 'admin']));
    for (const s of configs) {
      const reads = readInputs(ROOT).functions.find((f) => f.name === s.args.name)!.reads;
      expect('MEMBER_CODE_SECRET' in s.args.envVariables).toBe(reads.includes('MEMBER_CODE_SECRET'));
      if (reads.includes('MEMBER_CODE_SECRET')) {
        expect(s.args.envVariables.MEMBER_CODE_SECRET).toBe(SECRET);
        expect(s.args.secretVariables).toContain('MEMBER_CODE_SECRET');
      }
      expect(s.args.envVariables).not.toHaveProperty('LOCALCLOUD_CLOCK');
    }
    expect(holders).not.toContain('order');
  });

  test('every variable a function reads from process.env is known to the deploy', () => {
    const read = new Map<string, string[]>();
    const walk = (dir: string): string[] => fs.readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return fs.statSync(p).isDirectory() ? (n === 'node_modules' ? [] : walk(p)) : /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
    });
    for (const file of walk(path.join(ROOT, 'cloudfunctions'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z0-9_]+)|process\.env\[['"]([A-Z0-9_]+)['"]\]/g)) {
        const name = m[1] ?? m[2];
        read.set(name, [...(read.get(name) ?? []), path.relative(path.join(ROOT, 'cloudfunctions'), file)]);
      }
    }
    // codeSecret(env = process.env) reads MEMBER_CODE_SECRET through its parameter.
    expect(fs.readFileSync(path.join(ROOT, 'cloudfunctions', FUNCTION_ENV.MEMBER_CODE_SECRET.file), 'utf8')).toContain('MEMBER_CODE_SECRET');
    for (const [name, files] of read) {
      expect({ name, known: name in FUNCTION_ENV }).toEqual({ name, known: true });
      expect(files).toContain(FUNCTION_ENV[name].file);
    }
  });

  test('the mini-program is uploaded from client/dist/weapp with the version, description and project settings', () => {
    const [upload] = stepsOf(steps, 'ci.upload');
    expect(upload.args).toEqual({
      appid: APPID, projectPath: path.join(ROOT, 'client', 'dist', 'weapp'), privateKeyPath: keyFile, version: '1.4.0', desc: 'release 1.4.0', robot: 1,
      setting: { es6: false, minify: true, autoPrefixWXSS: false },
    });
  });

  test('--only picks parts and keeps their order', () => {
    expect(new Set(plan([...ARGS, '--only', 'database']).steps.map((s) => s.part))).toEqual(new Set(['database']));
    expect(new Set(plan([...ARGS, '--only', 'miniprogram,functions']).steps.map((s) => s.part))).toEqual(new Set(['functions', 'miniprogram']));
    expect(plan([...ARGS, '--only=functions']).steps.every((s) => s.part === 'functions')).toBe(true);
  });
});

// ---- refusals ----

describe('the planner refuses what is missing, in words an operator can act on', () => {
  test('no --env, an unknown --only or argument', () => {
    expect(() => parseOptions([], {})).toThrow(UsageError);
    expect(() => parseOptions([], {})).toThrow('--env <cloud env id> is required.');
    expect(() => parseOptions(['--env', 'e', '--only', 'everything'], {})).toThrow('--only takes database, functions, miniprogram, web (comma-separated), not "everything".');
    expect(() => parseOptions(['--env', 'e', '--secret-key', 'k'], {})).toThrow('Unknown argument "--secret-key".');
    expect(() => parseOptions(['--env'], {})).toThrow('--env needs a value.');
  });

  test('credentials, key file, AppID and builds are listed before anything runs', () => {
    const inputs = readInputs(ROOT);
    const { missing } = planDeploy({ ...inputs, weappBuilt: false, functions: inputs.functions.map((f) => ({ ...f, built: f.name !== 'member' })) },
      parseOptions(['--env', 'prod-1', '--private-key', '/nonexistent/key'], {}));
    expect(missing).toEqual([
      'No AppID: pass --appid <appid> or set WX_APPID (project.config.json has only "touristappid").',
      'The miniprogram-ci key file /nonexistent/key does not exist.',
      'No Tencent Cloud API key for @cloudbase/manager-node: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY.',
      'build/cloudfunctions/ lacks member: run `npm run build:functions` first.',
      'client/dist/weapp/ is not built: run `npm run build:weapp` first (with your environment id in client/src/cloud.config.ts).',
    ]);
    const dbOnly = planDeploy(inputs, parseOptions(['--env', 'prod-1', '--only', 'database'], { TENCENTCLOUD_SECRETID: 'a', TENCENTCLOUD_SECRETKEY: 'b' }));
    expect(dbOnly.missing).toEqual([]);
  });

  test('a real run with something missing stops before any call', async () => {
    const fake = new FakeCloud();
    let made = false;
    await expect(deploy(['--env', 'prod-1'], {}, { log: quiet, tools: () => { made = true; return fake.tools(); } })).rejects.toThrow(/^The deploy cannot start:\n {2}- No AppID/);
    expect(made).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  test('a weak or public MEMBER_CODE_SECRET, a collection without a rule, a bad index, a bad trigger', () => {
    expect(() => plan(ARGS, { ...ENV(), MEMBER_CODE_SECRET: 'short' })).toThrow('MEMBER_CODE_SECRET is shorter than 32 characters');
    expect(() => plan(ARGS, { ...ENV(), MEMBER_CODE_SECRET: 'local-only-member-code-secret' })).toThrow('MEMBER_CODE_SECRET is the public default from the repository');

    const inputs = repo();
    const bad: RepoInputs = {
      ...inputs,
      indexes: { ...(inputs.indexes as object), coupons: [{ name: 'code', keys: { code: 'up' } }, { keys: { a: 1 } }] },
      functions: inputs.functions.map((f) => f.name === 'jobs' ? { ...f, config: { timeout: 60, triggers: [{ name: 'review', type: 'timer', config: '0 3 * * *' }] } } : f),
    };
    let error: PlanError | undefined;
    try { planDeploy(bad, parseOptions(ARGS, ENV())); } catch (e) { error = e as PlanError; }
    expect(error).toBeInstanceOf(PlanError);
    expect(error!.problems).toEqual([
      'cloudfunctions/database/indexes.json: coupons[0] (code): key "code" must be 1, -1 or "2dsphere", not "up".',
      'cloudfunctions/database/indexes.json: coupons[1] has no name.',
      'cloudfunctions/database/security-rules.json has no rule for the collection "coupons" (cloudfunctions/database/indexes.json lists it).',
      'cloudfunctions/jobs/config.json: trigger "review" has the cron "0 3 * * *"; CloudBase timers take 7 fields (sec min hour day month weekday year).',
    ]);
    expect(error!.message).toMatch(/^The deploy cannot be planned:\n {2}- /);
  });
});

// ---- dry run ----

describe('--dry-run', () => {
  test('prints every step in order, never a secret, and calls nothing', async () => {
    const fake = new FakeCloud();
    const lines: string[] = [];
    let made = false;
    await deploy([...ARGS, '--dry-run'], ENV(), { log: (l) => lines.push(l), tools: () => { made = true; return fake.tools(); } });
    expect(made).toBe(false);
    expect(fake.calls).toEqual([]);
    const out = lines.join('\n');
    const { steps } = plan();
    expect(lines[0]).toBe(`Dry run: ${steps.length} steps for database, functions, miniprogram, web in the environment prod-1a2b3c; nothing is called.`);
    let at = 0;
    steps.forEach((s, i) => {
      const head = `[${i + 1}/${steps.length}] ${s.title}`;
      const found = out.indexOf(head, at);
      expect(found).toBeGreaterThan(at - 1);
      expect(out.slice(found)).toContain(s.call);
      at = found + head.length;
    });
    expect(out).not.toContain(SECRET);
    expect(out).toContain(`"MEMBER_CODE_SECRET":"<secret, ${SECRET.length} characters>"`);
  });

  test('without credentials it still prints the steps, then what a real run would need', async () => {
    const lines: string[] = [];
    await deploy(['--env', 'prod-1', '--dry-run'], {}, { log: (l) => lines.push(l), tools: () => { throw new Error('no tools in a dry run'); } });
    const out = lines.join('\n');
    expect(out).toContain('database.createCollectionIfNotExists {"collection":"members"}');
    expect(out).toContain('A real run would refuse to start until:');
    expect(out).toContain('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY');
  });
});

// ---- running against the fakes ----

describe('running the steps', () => {
  test('a first run creates everything the plan names, in order', async () => {
    const fake = new FakeCloud();
    const { steps } = plan();
    await executeSteps(steps, fake.tools(), quiet);

    expect([...fake.collections.keys()].sort()).toEqual([...new Set([...Object.keys(indexes), ...Object.keys(rules)])].sort());
    for (const [c, specs] of Object.entries(indexes)) {
      expect(fake.collections.get(c)!.map((i) => i.Name).sort()).toEqual(['_id_', ...specs.map((s) => s.name)].sort());
    }
    for (const c of Object.keys(rules)) expect(fake.permissions.get(c)).toEqual({ Permission: 'CUSTOM', SecurityRule: JSON.stringify(rules[c]) });
    for (const name of sourceFunctionNames(ROOT)) {
      const fn = fake.functions.get(name)!;
      expect(fn.code).toBe(path.join(ROOT, 'build', 'cloudfunctions', name));
      expect(fn.Timeout).toBe(functionConfig(name).timeout ?? 3);
      expect(fn.Triggers!.map((t) => t.TriggerName)).toEqual((functionConfig(name).triggers ?? []).map((t) => t.name));
    }
    expect(fake.functions.get('member')!.Environment!.Variables).toEqual([{ Key: 'MEMBER_CODE_SECRET', Value: SECRET }]);
    const creates = fake.calls.filter((c) => c.call === 'functions.createFunction').length;
    expect(creates).toBe(sourceFunctionNames(ROOT).length);
    expect(fake.calls.filter((c) => c.call === 'ci.upload')).toHaveLength(1);
    expect(fake.calls[fake.calls.length - 1].call).toBe('ci.upload');
  });

  test('a second run creates nothing twice: existing collections, indexes, rules, functions and triggers are left alone', async () => {
    const fake = new FakeCloud();
    const { steps } = plan();
    await executeSteps(steps, fake.tools(), quiet);
    fake.calls = [];
    fake.existedBefore = new Set(fake.collections.keys());

    // Without MEMBER_CODE_SECRET this time: the functions keep theirs.
    const again = plan(ARGS, { ...ENV(), MEMBER_CODE_SECRET: undefined }).steps;
    await executeSteps(again, fake.tools(), quiet);
    expect(fake.creations()).toEqual([]);
    const writes = fake.writes().map((c) => c.call);
    expect(writes.filter((c) => c === 'permission.modifyResourcePermission' || c === 'functions.updateFunctionConfig' || c === 'functions.deleteFunctionTrigger')).toEqual([]);
    // Code and the mini-program are uploaded again (that is the point of a deploy); collections only checked.
    expect(new Set(writes)).toEqual(new Set(['database.createCollectionIfNotExists', 'ci.cloud.uploadFunction', 'ci.upload']));
    expect(fake.functions.get('member')!.Environment!.Variables).toEqual([{ Key: 'MEMBER_CODE_SECRET', Value: SECRET }]);
  });

  test('state made elsewhere (console variables, a changed timer) is merged, not duplicated', async () => {
    const fake = new FakeCloud();
    const { steps } = plan();
    await executeSteps(steps, fake.tools(), quiet);
    fake.functions.get('member')!.Environment!.Variables!.push({ Key: 'SET_IN_CONSOLE', Value: '1' });
    fake.functions.get('jobs')!.Triggers = [{ TriggerName: 'review', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 0 3 * * * *' }) }];
    fake.calls = [];

    await executeSteps(steps, fake.tools(), quiet);
    expect(fake.functions.get('member')!.Environment!.Variables).toEqual([{ Key: 'MEMBER_CODE_SECRET', Value: SECRET }, { Key: 'SET_IN_CONSOLE', Value: '1' }]);
    expect(fake.writes().filter((c) => c.call.includes('Trigger')).map((c) => [c.call, c.args[0], c.args[1]])).toEqual([
      ['functions.deleteFunctionTrigger', 'jobs', 'review'],
      ['functions.createFunctionTriggers', 'jobs', functionConfig('jobs').triggers],
    ]);
    expect(fake.functions.get('jobs')!.Triggers).toEqual([{ TriggerName: 'review', Type: 'timer', TriggerDesc: JSON.stringify({ cron: functionConfig('jobs').triggers![0].config }) }]);
  });

  test('a function that has no MEMBER_CODE_SECRET and is given none stops the run, naming the variable', async () => {
    const fake = new FakeCloud();
    const steps = plan([...ARGS, '--only', 'functions'], { ...ENV(), MEMBER_CODE_SECRET: undefined }).steps;
    const err = await executeSteps(steps, fake.tools(), quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployStepError);
    expect((err as Error).message).toContain('(functions.updateFunctionConfig)');
    expect((err as Error).message).toContain('has no MEMBER_CODE_SECRET and this run was not given one: set MEMBER_CODE_SECRET in the deploy\'s environment');
  });

  test('a failing call stops the run with a message naming the step, and nothing after it runs', async () => {
    const fake = new FakeCloud();
    fake.failOn = (call, args) => call === 'database.updateCollection' && args[0] === 'orders'
      ? Object.assign(new Error('[LimitExceeded] too many indexes'), { code: 'LimitExceeded' }) : null;
    const { steps } = plan();
    const at = steps.findIndex((s) => s.call === 'database.updateCollection' && s.args.collection === 'orders');
    const lines: string[] = [];
    const err = await executeSteps(steps, fake.tools(), (l) => lines.push(l)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployStepError);
    expect((err as DeployStepError).index).toBe(at);
    expect((err as Error).message).toBe(
      `Step ${at + 1}/${steps.length} failed: ${steps[at].title} (database.updateCollection).\n  [LimitExceeded] too many indexes\n`
      + 'Nothing after it was run; fix the cause and run the deploy again (finished steps are skipped as already done).',
    );
    const last = fake.calls[fake.calls.length - 1];
    expect([last.call, last.args[0]]).toEqual(['database.updateCollection', 'orders']);
    expect(lines[lines.length - 1]).toBe(`[${at + 1}/${steps.length}] ${steps[at].title}`);

    // The same run again, the failure gone: it finishes, creating what the first one had not.
    fake.failOn = null;
    fake.existedBefore = new Set(fake.collections.keys());
    fake.calls = [];
    await executeSteps(steps, fake.tools(), quiet);
    expect(fake.calls.filter((c) => c.call === 'database.updateCollection').map((c) => c.args[0])).toEqual(
      stepsOf(steps, 'database.updateCollection').slice(stepsOf(steps, 'database.updateCollection').findIndex((s) => s.args.collection === 'orders')).map((s) => s.args.collection),
    );
  });

  test('a real run through deploy() uses the tools it is given and reports each step', async () => {
    const fake = new FakeCloud();
    const lines: string[] = [];
    await deploy([...ARGS, '--only', 'database'], ENV(), { log: (l) => lines.push(l), tools: () => fake.tools(), root: ROOT });
    expect(lines[0]).toMatch(/^Deploying database to the environment prod-1a2b3c: \d+ steps\.$/);
    expect(lines).toContain('    created');
    expect(lines[lines.length - 1]).toBe('Done.');
    expect(fake.calls.some((c) => c.call.startsWith('ci.'))).toBe(false);
  });
});

describe('the web console (static hosting)', () => {
  const webBuilt = () => ({ ...repo(), webBuilt: true });
  test('a built web console is uploaded to static hosting after the mini-program; not built, it is skipped unless asked for alone', async () => {
    const steps = plan(ARGS, ENV(), webBuilt()).steps;
    expect(steps[steps.length - 1]).toEqual({ part: 'web', call: 'hosting.uploadFiles', title: expect.any(String), args: { localPath: path.join(ROOT, 'client', 'dist', 'web'), cloudPath: '' } });
    expect(plan(ARGS, ENV(), { ...repo(), webBuilt: false }).steps.some((s) => s.part === 'web')).toBe(false);
    const alone = plan([...ARGS, '--only', 'web'], ENV(), { ...repo(), webBuilt: false });
    expect(alone.missing).toEqual([expect.stringContaining('WEB_CONSOLE_ENV=prod-1a2b3c npm run build:web')]);
    const fake = new FakeCloud();
    await executeSteps(plan([...ARGS, '--only', 'web'], ENV(), webBuilt()).steps, fake.tools(), quiet);
    expect(fake.hosted).toEqual([path.join(ROOT, 'client', 'dist', 'web')]);
  });

  test('static hosting not enabled stops the run, saying how to enable it', async () => {
    const fake = new FakeCloud();
    fake.hostingEnabled = false;
    await expect(executeSteps(plan([...ARGS, '--only', 'web'], ENV(), webBuilt()).steps, fake.tools(), quiet)).rejects.toThrow(/static hosting is not enabled/);
    expect(fake.hosted).toEqual([]);
  });
});
