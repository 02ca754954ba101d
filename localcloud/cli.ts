// `npm start -- --port <P> --host <ADDR> --data <DIR> --seed <demo|empty>`: the local cloud with the H5 app, in the
// foreground. It listens on 127.0.0.1 unless --host says otherwise (e.g. `--host 0.0.0.0` for a phone on the LAN).
import path from 'path';
import { startLocalCloud, DEMO_IDENTITIES } from './index';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const port = Number(arg('port', process.env.PORT ?? '8787'));
  const dataDir = path.resolve(arg('data', '.localcloud/data'));
  const seed = arg('seed', 'demo');
  const listen = arg('host', '127.0.0.1');
  if (seed !== 'demo' && seed !== 'empty') throw new Error('--seed must be demo or empty');
  const cloud = await startLocalCloud({ port, host: listen, dataDir, seed, scheduler: true, timeoutScale: Number(process.env.LOCALCLOUD_TIMEOUT_SCALE ?? 3) });
  const host = `http://localhost:${cloud.port}`;
  console.log(`\n本地云开发已启动 / local cloud is up\n`);
  console.log(`  H5 app           ${host}/`);
  console.log(`  database viewer  ${host}/_localcloud/`);
  console.log(`  gateway          POST ${host}/functions/<name>  (header x-wx-openid)`);
  console.log(`  listening on     ${cloud.host}:${cloud.port}${cloud.host === '127.0.0.1' ? '  (this machine only; --host 0.0.0.0 to open it)' : ''}`);
  console.log(`  data             ${dataDir}  (seed: ${seed})`);
  console.log(`  functions        ${cloud.functions.names().join(', ')}`);
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
