import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type IndexFile } from '../../../localcloud/db';

export const REPO_INDEXES: IndexFile = JSON.parse(
  readFileSync(join(__dirname, '../../../cloudfunctions/database/indexes.json'), 'utf8'),
);

export interface DbServerOptions {
  /** Reuse a directory (e.g. after a crash); default a fresh temp dir, removed on close. */
  dataDir?: string | null;
  indexes?: IndexFile;
  now?: () => Date;
  fsync?: boolean;
}

export interface DbServer {
  /** `cloud.database()` of the real wx-server-sdk, pointed at this server. */
  db: any;
  cloud: any;
  database: Database;
  dataDir: string | null;
  url: string;
  /** Counts of requests by action, for tests that check what the SDK sent. */
  requests: Array<{ action: string; body: any }>;
  /** Closes and reopens the Database on the same directory (the HTTP server keeps running). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Opens a Database, serves it at POST /tcb on a random port and returns the SDK's database handle.
 * The SDK is a process-wide singleton: run one server per test file at a time.
 */
export async function startDbServer(opts: DbServerOptions = {}): Promise<DbServer> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = ownsDir ? mkdtempSync(join(tmpdir(), 'localcloud-db-')) : opts.dataDir!;
  const dbOptions = { dataDir, indexes: opts.indexes ?? REPO_INDEXES, now: opts.now ?? (() => new Date()), fsync: opts.fsync };
  let database = await Database.open(dbOptions);
  const requests: DbServer['requests'] = [];

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/tcb')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req));
    requests.push({ action: body.action, body });
    const reply = await database.handle(body.action, body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  });
  // As the local cloud's server: the SDK keeps sockets alive longer than node's 5 s default (a request on a socket the
  // server just closed fails with ECONNRESET).
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb`;

  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: url });
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID = 'x';
  process.env.TENCENTCLOUD_SECRETKEY = 'y';
  process.env.SILENCE = 'true';
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'local' });

  return {
    db: cloud.database(),
    cloud,
    get database() {
      return database;
    },
    dataDir,
    url,
    requests,
    async reopen() {
      await database.close();
      database = await Database.open(dbOptions);
    },
    async close() {
      await database.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      if (ownsDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
