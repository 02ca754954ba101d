// Property-based fuzzing of every function and action of the contract, through the local cloud with the real SDK:
// generated bad events (wrong types, huge and unicode strings, impossible dates, negative, float and huge amounts,
// operator objects, smuggled identity fields, prototype keys, deep nesting, signed payloads carrying any of these),
// sent as a member, a clerk and anonymously. Each must answer the error envelope with a fitting code and a Chinese
// message, never INTERNAL, and write nothing (a dump of every collection before and after each batch).
//
// Seeded: FUZZ_SEED=<n> reproduces a run (the seed is printed on failure); FUZZ_RUNS=<batches> (of 50 events) scales
// it; FUZZ_SHRINK=1 lets fast-check shrink a failing batch (slow: every step goes through the local cloud).
import fc from 'fast-check';
import { contract } from '../../contract';
import type { ActionContract } from '../../contract/action';
import { sign } from '../../cloudfunctions/runtime/signature';
import { DEMO_CHANNEL } from '../../localcloud/seed/demo';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BATCH = 50;
const RUNS = Number(process.env.FUZZ_RUNS ?? 100); // 100 batches of 50 = 5,000 events
const CONCURRENCY = 8;
const GATEWAY_DEPTH = 32; // localcloud/limits.ts: deeper events are refused by the gateway (INVALID_INPUT)

let t: TestCloud;
let memberNo = '100001';

beforeAll(async () => {
  t = await startTestCloud({ seed: 'demo', maxWorkersPerFunction: 3 });
  memberNo = (t.cloud.db.find('members', { openid: 'demo-member-1' }).docs[0] as { memberNo: string }).memberNo;
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

// ---- the contract's input schemas, read through zod's definitions ----

type Schema = { _zod: { def: any; optin?: string }; safeParse(v: unknown): { success: boolean } }; // eslint-disable-line @typescript-eslint/no-explicit-any
const defOf = (s: Schema) => s._zod.def;

/** The schema under optional / nullable / pipe wrappers (what a value must be). */
function base(s: Schema): Schema {
  const def = defOf(s);
  if (def.type === 'optional' || def.type === 'nullable') return base(def.innerType);
  if (def.type === 'pipe') return base(def.in);
  return s;
}

function checks(s: Schema) {
  const out: { min?: number; max?: number; pattern?: RegExp } = {};
  for (const c of defOf(s).checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' || (d.check === 'greater_than' && d.inclusive)) out.min = d.minimum ?? d.value;
    if (d.check === 'max_length' || (d.check === 'less_than' && d.inclusive)) out.max = d.maximum ?? d.value;
    if (d.check === 'string_format' && d.format === 'regex') out.pattern = d.pattern;
  }
  return out;
}

const shapeOf = (s: Schema): Record<string, Schema> => (defOf(base(s)).type === 'object' ? defOf(base(s)).shape : {});
const isOptional = (s: Schema) => s._zod.optin === 'optional';
const isDateField = (s: Schema) => /\\d\{4\}-/.test(checks(base(s)).pattern?.source ?? '');

// ---- values ----

const nowIso = () => new Date().toISOString();
const today = () => nowIso().slice(0, 10);

/** A value the field accepts, when one of a few plain candidates fits (so a bad value elsewhere is the only fault). */
function sampleValid(s: Schema): unknown {
  const b = base(s);
  const def = defOf(b);
  const { min = 0, max } = checks(b);
  const pick = (candidates: unknown[]) => candidates.find((c) => s.safeParse(c).success);
  switch (def.type) {
    case 'string':
      return pick([nowIso(), today(), today().slice(0, 7), memberNo, 'demo-pos', 'FZ-order-1', 'req-00000001', 'https://example.com/a.png', '测试备注', 'a'.repeat(Math.max(min, 1)), '1'.repeat(Math.max(min, 1))]);
    case 'number':
      return pick([min, 1, 100, max, Date.now()]);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries)[0];
    case 'literal':
      return def.values[0];
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, Schema>).map(([k, f]) => [k, sampleValid(f)]).filter(([, v]) => v !== undefined));
    case 'custom':
      return {};
    default:
      return undefined;
  }
}

const SMUGGLED = ['openid', '_openid', 'OPENID', 'unionid', 'appid', 'memberId', '_id', 'role', 'staff', 'isAdmin', 'balance', 'points', '$where', '$gt', 'a.b', ''];
const PROTO = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
const IMPOSSIBLE_DATES = [
  '2026-02-30T10:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-01T10:00:00Z', '2026-01-01T24:00:00+08:00', '2027-02-29T12:00:00Z',
  '2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01', '2026-04-31', '1999-12-31', '2101-01-01', '0000-01', '9999-12', '2026-13', '2026-00',
  '2026-01-01T10:60:00Z', '2026-01-01T10:00:00+15:00', '+275760-09-13T00:00:00Z', '2026-02-29T00:00:00Z', 'Invalid Date', '2026-1-1',
];

/** An object with `key` as an own property (also `__proto__`), as JSON.parse would build it. */
function withKey(obj: object, key: string, value: unknown): Record<string, unknown> {
  const out = { ...obj } as Record<string, unknown>;
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const operatorObject = fc.oneof(
  fc.constantFrom({ $gt: '' }, { $ne: null }, { $regex: '.*' }, { $in: [] }, { $where: 'sleep(1000)' }, { $exists: true }, { $set: { balance: 1e9 } }),
  fc.record({ [`$${'gt'}`]: fc.string() }),
);

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const deep = fc.integer({ min: 2, max: GATEWAY_DEPTH + 8 }).map((d) => nested(d, 'x'));

const hugeString = fc.oneof(
  fc.integer({ min: 65, max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => '会员🎉'.repeat(n)),
  fc.constant('字'.repeat(100_000)),
);
const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u202e', '😀😀😀😀😀😀😀😀', 'Ω≈ç√', '\ud800', ' ', '　', 'null', 'undefined', '<script>', "'; DROP TABLE members; --", '../../etc/passwd'),
);
const badNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0.5, 0.5, 12.5, -1e9, 1e15, -1e15, 2 ** 53, 1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -2_000_000_000, max: -1 }),
);

/** Anything at all, of any type (for noise in fields and smuggled keys). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  unicodeString, badNumber, fc.boolean(), fc.constant(null), operatorObject, fc.constantFrom([], {}, [1, 'a'], { openid: 'demo-admin' }),
  fc.constantFrom(...IMPOSSIBLE_DATES), deep, fc.jsonValue({ maxDepth: 3 }),
);

/** Values the field `s` refuses, by what it is: wrong types always; too long, off-pattern, out of range, impossible dates. */
function badValueFor(s: Schema): fc.Arbitrary<unknown> {
  const b = base(s);
  const def = defOf(b);
  const options: fc.Arbitrary<unknown>[] = [operatorObject, deep, fc.constantFrom([], [null], true, false)];
  if (def.type === 'string') {
    options.push(badNumber, hugeString, unicodeString, fc.constantFrom(...IMPOSSIBLE_DATES));
  } else if (def.type === 'number') {
    options.push(badNumber, badNumber, fc.constantFrom('1', '100', '1e3', ''), fc.constantFrom(...IMPOSSIBLE_DATES));
  } else if (def.type === 'object' || def.type === 'custom') {
    const shape = (def.shape ?? {}) as Record<string, Schema>;
    const valid = sampleValid(b) as object;
    options.push(
      fc.constantFrom('x', 1, [{}]),
      fc.tuple(fc.constantFrom(...SMUGGLED, ...PROTO), junk).map(([k, v]) => withKey(valid ?? {}, k, v)),
      fc.tuple(fc.constantFrom(...PROTO), fc.constantFrom(...Object.keys(shape), 'points', 'tiers')).map(([k, at]) => ({ ...(valid ?? {}), [at]: withKey({}, k, 1) })),
    );
    const fields = Object.entries(shape);
    if (fields.length) {
      options.push(fc.constantFrom(...fields).chain(([k, f]) => badValueFor(f).map((v) => ({ ...(valid ?? {}), [k]: v }))));
    }
  } else if (def.type === 'array') {
    const element = def.element as Schema;
    options.push(fc.constantFrom('x', 1, {}), badValueFor(element).map((v) => [v]), fc.constant(Array.from({ length: 201 }, () => sampleValid(element) ?? {})));
  } else {
    options.push(unicodeString, badNumber, fc.constantFrom('', 'TRUE', 'yes', 1, 0));
  }
  const refused = fc.oneof(...options).filter((v) => v !== undefined && !s.safeParse(v).success);
  // Impossible dates are bad whatever the contract says: not filtered by it, so a date rule that lets one through
  // shows up as a write or a success.
  return isDateField(s) ? fc.oneof(refused, fc.constantFrom(...IMPOSSIBLE_DATES)) : refused;
}

// ---- events ----

type Caller = 'demo-member-1' | 'demo-clerk' | null;
interface Case { fn: string; event: Record<string, unknown>; caller: Caller; validAction: boolean }

const functions = contract as unknown as Record<string, Record<string, ActionContract>>;
const ACTIONS = Object.entries(functions).flatMap(([fn, actions]) => Object.entries(actions).map(([name, a]) => ({ fn, name, input: a.input as unknown as Schema })));
const SIGNED = { paid: 'order', refunded: 'refund', reviewed: 'review', events: 'events', hold: 'hold', capture: 'capture', release: 'release', benefits: 'member' } as Record<string, string>;
const caller = fc.constantFrom<Caller>('demo-member-1', 'demo-clerk', null);

/** One bad event for an action: plausible fields, noise, and at least one fault the contract must refuse. */
function actionEvent({ fn, name, input }: (typeof ACTIONS)[number]): fc.Arbitrary<Case> {
  const shape = shapeOf(input);
  const keys = Object.keys(shape);
  const required = keys.filter((k) => !isOptional(shape[k]));
  // Each fault names the key it touches (a faulty signature must not be replaced by a right one below).
  type Fault = [string, (e: Record<string, unknown>) => Record<string, unknown>];
  const faults: fc.Arbitrary<Fault>[] = [
    fc.tuple(fc.constantFrom(...SMUGGLED, ...PROTO), junk).map(([k, v]): Fault => [k, (e) => withKey(e, k, v)]),
  ];
  if (keys.length) {
    const badField = fc.constantFrom(...keys).chain((k) => badValueFor(shape[k]).map((v): Fault => [k, (e) => ({ ...e, [k]: v })]));
    faults.push(badField, badField);
  }
  if (required.length) faults.push(fc.constantFrom(...required).map((k): Fault => [k, (e) => Object.fromEntries(Object.entries(e).filter(([x]) => x !== k))]));
  const noise = fc.option(fc.tuple(fc.constantFrom('userInfo', 'tcbContext', ...SMUGGLED), junk), { nil: undefined });
  return fc.record({
    fields: fc.subarray(keys),
    faults: fc.array(fc.oneof(...faults), { minLength: 1, maxLength: 3 }),
    noise,
    signedRight: fc.boolean(),
    nonce: fc.stringMatching(/^[A-Za-z0-9]{16}$/),
    caller,
  }).map(({ fields, faults: fs, noise: n, signedRight, nonce, caller: who }) => {
    let e: Record<string, unknown> = Object.fromEntries(fields.map((k) => [k, sampleValid(shape[k])]).filter(([, v]) => v !== undefined));
    if (n) e = withKey(e, n[0], n[1]);
    // A channel's request, signed with the demo channel's real secret over the (bad) payload.
    const field = SIGNED[name];
    if (fn === 'order' && signedRight) {
      e = { ...e, channel: DEMO_CHANNEL._id, timestamp: Date.now(), nonce, [field]: e[field] ?? sampleValid(shape[field]) };
    }
    for (const [, f] of fs) e = f(e);
    const signatureFaulty = fs.some(([k]) => k === 'signature');
    if (fn === 'order' && signedRight && !signatureFaulty && typeof e.nonce === 'string' && typeof e.channel === 'string' && typeof e.timestamp === 'number') {
      e.signature = sign(DEMO_CHANNEL.secret, name, { channel: e.channel, timestamp: e.timestamp, nonce: e.nonce }, e[field]);
    }
    return { fn, event: { action: name, ...e }, caller: who, validAction: true };
  });
}

/** Events whose action itself is wrong, or that pose as the timer. */
const badActionEvent: fc.Arbitrary<Case> = fc.record({
  fn: fc.constantFrom(...Object.keys(functions), 'jobs'),
  action: fc.oneof(fc.constantFrom(...PROTO, '', 'PAID', 'paid ', 'login\u0000', '../admin', 'onTimer', 'main'), junk),
  extra: fc.option(fc.tuple(fc.constantFrom(...SMUGGLED, ...PROTO, 'Type', 'TriggerName'), junk), { nil: undefined }),
  timer: fc.boolean(),
  caller,
}).map(({ fn, action, extra, timer, caller: who }) => {
  let event: Record<string, unknown> = timer ? { Type: 'Timer', TriggerName: 'daily' } : {};
  if (action !== undefined) event = withKey(event, 'action', action);
  if (extra) event = withKey(event, extra[0], extra[1]);
  return { fn, event, caller: who, validAction: false };
});

const anyCase: fc.Arbitrary<Case> = fc.oneof(
  { weight: 1, arbitrary: badActionEvent },
  { weight: 12, arbitrary: fc.oneof(...ACTIONS.map(actionEvent)) },
);

// ---- the property ----

const CHINESE = /[\u4e00-\u9fff]/;
const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

/** What must come back: the envelope, a fitting code, a Chinese message. Returns a problem, or null. */
async function problemOf(c: Case): Promise<string | null> {
  let r;
  try {
    r = await t.call(c.fn, c.event, c.caller);
  } catch (err) {
    return `the call failed: ${(err as Error).message}`;
  }
  const body = r.body as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.status !== 200) return `HTTP ${r.status} ${JSON.stringify(body).slice(0, 300)}`;
  if (body?.ok !== false || !body.error || Object.keys(body).sort().join() !== 'error,ok' || Object.keys(body.error).sort().join() !== 'code,message') {
    return `not the error envelope: ${JSON.stringify(body).slice(0, 300)}`;
  }
  const { code, message } = body.error;
  if (typeof message !== 'string' || !CHINESE.test(message)) return `${String(code)} without a Chinese message: ${String(message)}`;
  const tooDeep = depthOf(c.event) > GATEWAY_DEPTH;
  const fitting = !c.validAction || tooDeep ? ['INVALID_INPUT'] : c.fn !== 'order' && !c.caller ? ['UNAUTHENTICATED'] : ['INVALID_INPUT'];
  if (!fitting.includes(code as string)) return `answered ${String(code)} (${message}), expected ${fitting.join(' / ')}`;
  return null;
}

async function runBatch(cases: Case[]): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const p = await problemOf(c);
      if (p) problems.push(`${c.fn} as ${c.caller ?? 'anonymous'}: ${p}\n    event: ${JSON.stringify(c.event).slice(0, 400)}`);
    }
  }));
  return problems;
}

test(`fuzz: ${RUNS * BATCH} bad events over every action answer a fitting refusal in Chinese and write nothing (seed ${SEED})`, async () => {
  let events = 0;
  const byFunction: Record<string, number> = {};
  const details = await fc.check(
    fc.asyncProperty(fc.array(anyCase, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
      const before = dumpDatabase(t);
      const problems = await runBatch(cases);
      events += cases.length;
      for (const c of cases) byFunction[c.fn] = (byFunction[c.fn] ?? 0) + 1;
      const after = dumpDatabase(t);
      const changed = Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length) problems.push(`the batch wrote to ${changed.join(', ')}`);
      if (problems.length) throw new Error(problems.slice(0, 5).join('\n'));
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: !process.env.FUZZ_SHRINK },
  );
  if (details.failed) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`fuzz failed in batch ${details.numRuns} (reproduce with FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}):\n${why}`);
  }
  expect(events).toBeGreaterThanOrEqual(RUNS * BATCH);
  // Every action of the contract was reached.
  expect(Object.keys(byFunction).sort()).toEqual(expect.arrayContaining(Object.keys(functions).sort()));
}, 180_000);

test('prototype keys are unknown fields at the top level, in signed payloads and in the rules overrides', async () => {
  const before = dumpDatabase(t);
  for (const key of PROTO) {
    const top = await t.call('member', withKey({ action: 'updateProfile', nickname: '新昵称' }, key, 1), 'demo-member-1');
    expect(top.body.error).toEqual({ code: 'INVALID_INPUT', message: `不支持的参数 ${key}` });
    const payload = withKey({ orderId: `FZ-PROTO-${key}`, memberNo, amountFen: 100, paidAt: nowIso() }, key, 1);
    const env = { channel: DEMO_CHANNEL._id, timestamp: Date.now(), nonce: `proto${PROTO.indexOf(key)}x${Date.now()}` };
    const signed = await t.call('order', { action: 'paid', ...env, signature: sign(DEMO_CHANNEL.secret, 'paid', env, payload), order: payload });
    expect(signed.body.error).toEqual({ code: 'INVALID_INPUT', message: `不支持的参数 order.${key}` });
    const rules = await t.call('admin', { action: 'setConfig', rules: withKey({}, key, { monthlyCap: 1 }), expectedVersion: 0 }, 'demo-admin');
    expect(rules.body.error).toEqual({ code: 'INVALID_INPUT', message: `不支持的参数 rules.${key}` });
    const nestedRules = await t.call('admin', { action: 'setConfig', rules: { points: withKey({}, key, 1) }, expectedVersion: 0 }, 'demo-admin');
    expect(nestedRules.body.error).toEqual({ code: 'INVALID_INPUT', message: `不支持的参数 rules.points.${key}` });
  }
  expect(dumpDatabase(t)).toEqual(before);
});
