// Starts a local cloud for a test file and calls functions through its HTTP gateway, as the client does.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud';
import { checkAnswer } from './contractCheck';

export interface CallResult<T = any> { status: number; body: T; dbOps: number }

export interface TestCloud {
  cloud: LocalCloud;
  url: string;
  dataDir: string;
  call<T = any>(fn: string, event: object, openid?: string | null): Promise<CallResult<T>>;
  setClock(iso: string, freeze?: boolean): Promise<void>;
  resetClock(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestCloud(opts: LocalCloudOptions = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  const cloud = await startLocalCloud({ quiet: true, seed: 'empty', timeoutScale: 5, ...opts, dataDir });
  const call = async <T = any>(fn: string, event: object, openid?: string | null): Promise<CallResult<T>> => {
    const res = await fetch(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as T;
    checkAnswer(fn, event, body);
    return { status: res.status, body, dbOps: Number(res.headers.get('x-localcloud-db-ops') ?? NaN) };
  };
  return {
    cloud,
    url: cloud.url,
    dataDir,
    call,
    async setClock(iso, freeze = false) {
      const res = await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso, freeze }) });
      if (!res.ok) throw new Error(`clock: ${res.status}`);
    },
    async resetClock() {
      await fetch(`${cloud.url}/_clock`, { method: 'DELETE' });
    },
    async stop() {
      await cloud.stop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const FIXTURE_FUNCTIONS = path.join(__dirname, '..', 'localcloud', 'fixtures', 'functions');
