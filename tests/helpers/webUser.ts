// A browser's CloudBase web user against the local cloud's web front door (localcloud/auth/webAuth.ts), over the
// same HTTP routes @cloudbase/js-sdk uses: anonymous sign-in, sign-in with a custom-login ticket, function calls
// with the access token. The browser tests drive the real SDK; this is for integration tests.
import { checkAnswer } from './contractCheck';

export interface WebUser {
  accessToken: string;
  uid: string;
  call<T = any>(fn: string, event: object): Promise<{ status: number; body: T }>;
}

async function signIn(url: string, path: string, body: object): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}?client_id=local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

function userOf(url: string, token: { access_token: string; sub: string }): WebUser {
  return {
    accessToken: token.access_token,
    uid: token.sub,
    async call(fn, event) {
      const res = await fetch(`${url}/v1/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify(event),
      });
      const body = (await res.json()) as any;
      if (res.status === 200) checkAnswer(fn, event, body);
      return { status: res.status, body };
    },
  };
}

export async function anonymousWebUser(url: string): Promise<WebUser> {
  const { status, json } = await signIn(url, '/auth/v1/signin/anonymously', {});
  if (status !== 200) throw new Error(`anonymous sign-in: ${status} ${JSON.stringify(json)}`);
  return userOf(url, json);
}

/** Signs in with a custom-login ticket; answers the refusal's status and body when it is refused. */
export async function ticketWebUser(url: string, ticket: string): Promise<WebUser | { status: number; error: any }> {
  const { status, json } = await signIn(url, '/auth/v1/signin/custom', { provider_id: 'custom', ticket });
  return status === 200 ? userOf(url, json) : { status, error: json };
}

export const isWebUser = (u: WebUser | { status: number }): u is WebUser => 'call' in u;
