import Taro from '@tarojs/taro';
import type { ActionName, FunctionName, Input, Output } from '@contract/index';
import { CloudError, networkError, unwrapEnvelope } from './cloud-error';
import { deviceCode } from './device';
import { getIdentity } from './identity';
import { resetSession } from '../store/session';
import { forgetWebSignIn, usesWebTransport, WEB_LOGIN_URL, webSignIn } from './web-console';

export { CloudError };

/** An action without required fields (`{}` fits its input: no input is `Record<string, never>`) may be called without input. */
type InputArgs<F extends FunctionName, A extends ActionName<F>> = {} extends Input<F, A> ? [input?: Input<F, A>] : [input: Input<F, A>];

export type CallFn = <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...input: InputArgs<F, A>) => Promise<Output<F, A>>;

/**
 * The only way pages reach the cloud, typed by the contract: the function, the action, its input and its answer are
 * checked at compile time. Resolves with `data`, throws CloudError otherwise. (No async functions in this module: it
 * is in the weapp main package, where each costs a regenerator state machine.)
 */
// Staff and console writes name the device they came from in the audit trail; member calls carry nothing extra.
const AUDITED: ReadonlySet<string> = new Set(['staff', 'admin']);

// One helper, three front doors (pages do not know which): Taro.cloud.callFunction in the mini-program, the CloudBase
// web SDK in the web console (services/web-console.ts), the local cloud's gateway in the local demo.
export const call: CallFn = (fn, action, ...args) => {
  const payload = { action, ...(AUDITED.has(fn) ? { device: deviceCode() } : {}), ...(args[0] as object | undefined) };
  if (process.env.TARO_ENV === 'h5' && usesWebTransport(fn)) return callWeb(fn, payload) as never;
  const sent = process.env.TARO_ENV === 'h5' ? postToGateway(fn, payload) : callCloudFunction(fn, payload);
  return sent.then(unwrapEnvelope, (err: unknown) => {
    throw err instanceof CloudError ? err : networkError();
  }) as never;
};

/**
 * h5: through the web SDK (its own chunk, loaded on first use). A web session that ended (signed out elsewhere,
 * inactive, revoked) answers UNAUTHENTICATED: the browser forgets it and shows the QR code again, saying why.
 */
function callWeb(fn: string, payload: object): Promise<unknown> {
  // Inside a branch webpack knows is dead in weapp (TARO_ENV is a constant), so the SDK's chunk stays out of it.
  if (process.env.TARO_ENV === 'h5') {
    return import('./web-sdk').then((sdk) =>
      sdk.webCall(fn, payload).then(unwrapEnvelope, (err: unknown) =>
        sdk.hasLoginState().then((signedIn) => {
          throw signedIn ? (err instanceof CloudError ? err : networkError()) : new CloudError('UNAUTHENTICATED', '登录已失效，请重新扫码登录');
        }),
      ).catch((err: unknown) => {
        if (err instanceof CloudError && err.code === 'UNAUTHENTICATED' && fn !== 'weblogin') endWebSession(sdk, err.message);
        throw err;
      }),
    );
  }
  return Promise.reject(networkError());
}

function endWebSession(sdk: typeof import('./web-sdk'), message: string): void {
  if (!webSignIn()) return; // already ended here (signing out, or another call got there first)
  forgetWebSignIn();
  resetSession();
  void sdk.signOutOfSdk().then(() => Taro.reLaunch({ url: `${WEB_LOGIN_URL}?ended=${encodeURIComponent(message)}` }));
}

function callCloudFunction(name: string, data: object): Promise<unknown> {
  return Taro.cloud.callFunction({ name, data }).then((res) => res.result);
}

function postToGateway(fn: string, payload: object): Promise<unknown> {
  const openid = getIdentity();
  if (!openid) return Promise.reject(new CloudError('UNAUTHENTICATED', '请先选择登录身份'));
  return fetch(`/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(payload),
  }).then((res) => res.json());
}
