// Shared pieces of the benchmark scripts: a local cloud to measure against, gateway calls, figures.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../localcloud';

export const ROOT = path.resolve(__dirname, '..');

/**
 * `opts`: e.g. a database round trip (`dbLatency`) and pool sizes (`instances`) for the load figures. `inMemory`: no
 * journal on disk, for the load figures at scale: encoding and writing every change to the emulator's journal took
 * a fifth of the local cloud's CPU, which the real database spends on its own servers, not the functions' time.
 */
export async function benchCloud(seed: 'demo' | 'empty' = 'demo', opts: LocalCloudOptions & { inMemory?: boolean } = {}): Promise<LocalCloud & { cleanup(): Promise<void> }> {
  const { inMemory, ...options } = opts;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const cloud = await startLocalCloud({ ...(inMemory ? {} : { dataDir }), seed, quiet: true, timeoutScale: 10, ...options });
  return Object.assign(cloud, {
    async cleanup() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export async function call(url: string, fn: string, event: object, openid?: string) {
  const res = await fetch(`${url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(event),
  });
  return { body: (await res.json()) as { ok: boolean; data?: unknown; error?: unknown }, dbOps: Number(res.headers.get('x-localcloud-db-ops')) };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function row(label: string, value: string, budget?: string, within?: boolean): void {
  const verdict = within === undefined ? '' : within ? '  ok' : '  OVER BUDGET';
  console.log(`  ${label.padEnd(44)} ${value.padStart(14)}${budget ? `   budget ${budget}` : ''}${verdict}`);
}
