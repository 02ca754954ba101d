// One warm instance of one cloud function, like the real runtime: the bundled index.js is required once,
// then invocations arrive one at a time. The wx context exists in process.env for that invocation only.
// Plain JavaScript so a worker starts without a TypeScript loader (cold starts stay honest).
const path = require('path');

const file = process.env.LOCALCLOUD_FUNCTION_FILE;
const CONTEXT_KEYS = ['OPENID', 'APPID', 'UNIONID', 'SOURCE', 'ENV', 'CLIENTIP'];
// The SDK reads its CloudBase URL from TCB_CONTEXT_CNFG on every request: each invocation sets its own callback
// URL (a token valid while it runs), and the idle one, which the local cloud always refuses, comes back after.
const IDLE_TCB_CONTEXT_CNFG = process.env.TCB_CONTEXT_CNFG;

let fn;
try {
  fn = require(path.resolve(file));
} catch (err) {
  process.send({ type: 'load-error', message: String(err && err.stack || err) });
  process.exit(1);
}

function setContext(context, clock, tcbUrl) {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: tcbUrl });
  const keys = [];
  for (const key of CONTEXT_KEYS) {
    if (context[key] !== undefined && context[key] !== null && context[key] !== '') {
      process.env[`WX_${key}`] = String(context[key]);
      keys.push(`WX_${key}`);
    }
  }
  if (keys.length) process.env.WX_CONTEXT_KEYS = keys.join(',');
  // A CloudBase web user (the web console): TCB_* variables named by TCB_CONTEXT_KEYS, as node-sdk reads them.
  const tcbKeys = [];
  for (const [key, value] of Object.entries(context.TCB || {})) {
    process.env[`TCB_${key}`] = String(value);
    tcbKeys.push(`TCB_${key}`);
  }
  if (tcbKeys.length) process.env.TCB_CONTEXT_KEYS = tcbKeys.join(',');
  process.env.LOCALCLOUD_CLOCK = JSON.stringify(clock || {});
}

function clearContext() {
  for (const key of CONTEXT_KEYS) delete process.env[`WX_${key}`];
  delete process.env.WX_CONTEXT_KEYS;
  for (const key of (process.env.TCB_CONTEXT_KEYS || '').split(',')) if (key) delete process.env[key];
  delete process.env.TCB_CONTEXT_KEYS;
  delete process.env.LOCALCLOUD_CLOCK;
  process.env.TCB_CONTEXT_CNFG = IDLE_TCB_CONTEXT_CNFG;
}

process.on('message', async (msg) => {
  if (msg.type !== 'invoke') return;
  setContext(msg.context, msg.clock, msg.tcbUrl);
  const started = Date.now();
  try {
    const result = await fn.main(msg.event, { function_name: msg.functionName, request_id: msg.requestId, environ: '' });
    process.send({ type: 'result', id: msg.id, ok: true, result: result === undefined ? null : result, ms: Date.now() - started });
  } catch (err) {
    process.send({ type: 'result', id: msg.id, ok: false, error: String(err && err.stack || err), ms: Date.now() - started });
  } finally {
    clearContext();
  }
});

process.send({ type: 'ready' });
