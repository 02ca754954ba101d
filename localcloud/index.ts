// The local WeChat cloud: the CloudBase database protocol for the unmodified wx-server-sdk, a warm worker pool per
// function, timer triggers on a movable clock, an HTTP gateway for the H5 client and tests, and the H5 app itself.
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { Clock } from './clock';
import { Database, type DbLatency, type IndexFile } from './db';
import { FunctionRegistry } from './functions/registry';
import { Scheduler } from './scheduler';
import { createRouter, InvocationLog } from './server';
import { SubscribeMessages } from './subscribeMessages';
import { seedDemo, DEMO_IDENTITIES } from './seed/demo';
import { functionEnv, loadSecrets, type LocalSecrets } from './secrets';
import { LocalStorage } from './storage';
import { customLoginEnv, loadCustomLoginKey } from './auth/keys';

const ROOT = path.resolve(__dirname, '..');

export interface LocalCloudOptions {
  port?: number;
  /** The address to listen on: 127.0.0.1 (this machine only) unless set; `0.0.0.0` opens it to the network. */
  host?: string;
  /** Where data lives; omitted = memory only (tests). */
  dataDir?: string;
  seed?: 'demo' | 'empty';
  quiet?: boolean;
  functionsDir?: string;
  h5Dir?: string;
  indexesFile?: string;
  /** Run timer triggers on the clock (on for `npm start`, off by default so tests fire jobs themselves). */
  scheduler?: boolean;
  /** Workers (concurrent instances) per function: 4 unless set; `instances` sizes single functions (`{ mall: 100 }`). */
  maxWorkersPerFunction?: number;
  instances?: Record<string, number>;
  /** A round trip added to every database request (ms, optional jitter), as on the real service; 0 by default. */
  dbLatency?: DbLatency;
  timeoutScale?: number;
  appid?: string;
}

export interface LocalCloud {
  url: string;
  port: number;
  /** The address it listens on. */
  host: string;
  clock: Clock;
  db: Database;
  functions: FunctionRegistry;
  /** The generated secrets of this data directory (member code secret, the /tcb key pair). */
  secrets: LocalSecrets;
  /** WeChat's side of subscription messages: consents, the inbox of sent messages, injected send faults. */
  subscribe: SubscribeMessages;
  stop(): Promise<void>;
}

export { DEMO_IDENTITIES };

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const clock = new Clock();
  const indexesFile = opts.indexesFile ?? path.join(ROOT, 'cloudfunctions', 'database', 'indexes.json');
  const indexes = JSON.parse(fs.readFileSync(indexesFile, 'utf8')) as IndexFile;
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const secrets = loadSecrets(opts.dataDir ?? null);
  const db = await Database.open({ dataDir: opts.dataDir ?? null, indexes, now: () => clock.now() });
  if (opts.seed === 'demo') await seedDemo(db, clock.now(), secrets.memberCodeSecret);
  if (opts.dbLatency) db.setLatency(opts.dbLatency);

  const customLoginKey = loadCustomLoginKey(opts.dataDir ?? null);
  const log = new InvocationLog(300);
  // WeChat's side of subscription messages: consents, templates, send checks and the inbox (memory only).
  const subscribe = new SubscribeMessages(ROOT, () => clock.now());
  // Cloud storage files live in <data>/storage/ (memory only without a data directory).
  const storage = new LocalStorage({ dataDir: opts.dataDir ?? null, secret: secrets.secretKey, now: () => clock.now() });
  let functions: FunctionRegistry | null = null;
  const router = createRouter({
    keys: { secretId: secrets.secretId, secretKey: secrets.secretKey },
    db,
    clock,
    log,
    functions: () => functions as FunctionRegistry,
    h5Dir: opts.h5Dir ?? path.join(ROOT, 'client', 'dist', 'h5'),
    appid: opts.appid ?? 'wx-localcloud',
    quiet: opts.quiet ?? false,
    storage,
    customLoginKey,
    subscribe,
  });
  const server = http.createServer(router);
  server.keepAliveTimeout = 30_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Workers call back on loopback when the cloud listens there or on every address; else on the one address it has.
  const callbackHost = ['127.0.0.1', '0.0.0.0', '::', 'localhost'].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${callbackHost}:${port}`;

  try {
    functions = new FunctionRegistry({
      functionsDir: opts.functionsDir ?? path.join(ROOT, 'build', 'cloudfunctions'),
      tcbUrl: (token) => `${url}/tcb/w/${token}`,
      maxWorkers: opts.maxWorkersPerFunction ?? 4,
      instances: opts.instances,
      timeoutScale: opts.timeoutScale ?? Number(process.env.LOCALCLOUD_TIMEOUT_SCALE ?? 1),
      env: { ...functionEnv(secrets), ...customLoginEnv(customLoginKey) },
    });
  } catch (err) {
    // A bad option (no build, an unknown function in `instances`): nothing may keep listening.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
    throw err;
  }
  await functions.warm();
  const scheduler = new Scheduler(clock, functions.triggers(), (t) =>
    (functions as FunctionRegistry).invoke(t.functionName, { Type: 'Timer', TriggerName: t.name, Time: clock.now().toISOString() }, { SOURCE: 'wx_trigger' }, clock.forFunctions()),
  );
  if (opts.scheduler) scheduler.start();

  let stopped = false;
  return {
    url,
    port,
    host,
    clock,
    db,
    functions,
    subscribe,
    secrets,
    async stop() {
      if (stopped) return;
      stopped = true;
      scheduler.stop();
      await (functions as FunctionRegistry).close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
