// Sends a request to the local cloud's CloudBase endpoint signed as @cloudbase/node-sdk signs it, with a key pair of
// the caller's choosing: what an outside tool, or someone who learned a callback path, would send.
import { sign } from '@cloudbase/signature-nodejs';

export interface KeyPair { secretId: string; secretKey: string }

/** POSTs `params` to `${baseUrl}${path}` (e.g. `/tcb` or `/tcb/w/<token>`), signed with `keys`. */
export async function sendSignedTcb(baseUrl: string, path: string, params: Record<string, unknown>, keys: KeyPair) {
  const url = `${baseUrl}${path}?env=local&seqId=test`;
  const timestamp = Math.floor(Date.now() / 1000) - 1;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'test-tool', host: new URL(baseUrl).host };
  const { authorization } = sign({ secretId: keys.secretId, secretKey: keys.secretKey, method: 'post', url, params, headers, withSignedParams: true, timestamp });
  const { host: _host, ...sent } = headers;
  const res = await fetch(url, { method: 'POST', headers: { ...sent, authorization, 'x-timestamp': String(timestamp), 'x-signature-expires': '600' }, body: JSON.stringify(params) });
  return { status: res.status, body: (await res.json()) as any };
}
