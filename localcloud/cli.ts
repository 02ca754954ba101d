// `npm start -- --port <P> --host <ADDR> --data <DIR> --seed <demo|empty> --db-latency <ms> --db-jitter <ms>
// --instances <fn>=<n>[,<fn>=<n>...]`: the local cloud with the H5 app, in the foreground. It listens on 127.0.0.1
// unless --host says otherwise (e.g. `--host 0.0.0.0` for a phone on the LAN). --db-latency delays every database
// request by that round trip, as the real service's network does; --instances sizes a function's worker pool (each
// worker is a process of about 100 MB) so that many invocations run at once, like the real autoscaler.
import path from 'path';
import { startLocalCloud, DEMO_IDENTITIES } from './index';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** `mall=100,order=20` → { mall: 100, order: 20 }. */
export function parseInstances(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1) throw new Error(`--instances takes <function>=<count>[,...], not "${part}"`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

function numberArg(name: string): number {
  const value = Number(arg(name, '0'));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of milliseconds >= 0`);
  return value;
}

async function main() {
  const port = Number(arg('port', process.env.PORT ?? '8787'));
  const dataDir = path.resolve(arg('data', '.localcloud/data'));
  const seed = arg('seed', 'demo');
  const listen = arg('host', '127.0.0.1');
  if (seed !== 'demo' && seed !== 'empty') throw new Error('--seed must be demo or empty');
  const dbLatency = { ms: numberArg('db-latency'), jitterMs: numberArg('db-jitter') };
  const instances = parseInstances(arg('instances', ''));
  const cloud = await startLocalCloud({
    port, host: listen, dataDir, seed, scheduler: true, timeoutScale: Number(process.env.LOCALCLOUD_TIMEOUT_SCALE ?? 3), dbLatency, instances,
  });
  const host = `http://localhost:${cloud.port}`;
  console.log(`\n本地云开发已启动 / local cloud is up\n`);
  console.log(`  H5 app           ${host}/`);
  console.log(`  database viewer  ${host}/_localcloud/`);
  console.log(`  gateway          POST ${host}/functions/<name>  (header x-wx-openid)`);
  console.log(`  listening on     ${cloud.host}:${cloud.port}${cloud.host === '127.0.0.1' ? '  (this machine only; --host 0.0.0.0 to open it)' : ''}`);
  console.log(`  data             ${dataDir}  (seed: ${seed})`);
  console.log(`  functions        ${cloud.functions.names().join(', ')}`);
  if (dbLatency.ms || dbLatency.jitterMs) console.log(`  database latency ${dbLatency.ms} ms per request${dbLatency.jitterMs ? ` ± ${dbLatency.jitterMs} ms` : ''}`);
  if (Object.keys(instances).length > 0) console.log(`  instances        ${Object.entries(instances).map(([f, n]) => `${f} ${n}`).join(', ')} (others 4)`);
  console.log(`  POST /tcb key    ${cloud.secrets.secretId} / ${cloud.secrets.secretKey}  (for outside tools that use the SDK:`);
  console.log(`                   secretId/secretKey; set LOCALCLOUD_SECRET_ID/KEY to choose them; kept in ${dataDir}/secrets.json)\n`);
  console.log('  demo identities:');
  for (const id of DEMO_IDENTITIES) console.log(`    ${id.openid.padEnd(15)} ${id.label}`);
  console.log('\n  Ctrl+C to stop.');
  const stop = async () => {
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
