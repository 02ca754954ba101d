// The local cloud as its own process, for tests that kill it whole: `node --import tsx cloudProcessMain.ts <dataDir>
// <port>` prints "ready <url>" once it serves; SIGTERM stops it cleanly.
import { startLocalCloud } from '../../localcloud';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const cloud = await startLocalCloud({ dataDir, port: Number(port), seed: 'empty', quiet: true, maxWorkersPerFunction: 3, timeoutScale: 5 });
  process.on('SIGTERM', () => {
    cloud.stop().then(() => process.exit(0), () => process.exit(1));
  });
  process.stdout.write(`ready ${cloud.url}\n`);
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
