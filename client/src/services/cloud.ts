import Taro from '@tarojs/taro';
import type { ActionName, FunctionName, Input, Output } from '@contract/index';
import { CloudError, networkError, unwrapEnvelope } from './cloud-error';
import { getIdentity } from './identity';

export { CloudError };

/** An action without required fields (`{}` fits its input: no input is `Record<string, never>`) may be called without input. */
type InputArgs<F extends FunctionName, A extends ActionName<F>> = {} extends Input<F, A> ? [input?: Input<F, A>] : [input: Input<F, A>];

export type CallFn = <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...input: InputArgs<F, A>) => Promise<Output<F, A>>;
export type UploadFn = (tempFilePath: string, folder: string) => Promise<string>;

/**
 * The only way pages reach the cloud, typed by the contract: the function, the action, its input and its answer are
 * checked at compile time. Resolves with `data`, throws CloudError otherwise.
 */
export const call: CallFn = async (fn, action, ...args) => {
  const input = args[0] as object | undefined;
  let body: unknown;
  try {
    body = process.env.TARO_ENV === 'h5'
      ? await postToGateway(fn, { action, ...input })
      : await callCloudFunction(fn, { action, ...input });
  } catch (err) {
    if (err instanceof CloudError) throw err;
    throw networkError();
  }
  return unwrapEnvelope(body) as never;
};

async function callCloudFunction(name: string, data: object): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data });
  return res.result;
}

async function postToGateway(fn: string, payload: object): Promise<unknown> {
  const openid = getIdentity();
  if (!openid) throw new CloudError('UNAUTHENTICATED', '请先选择登录身份');
  const res = await fetch(`/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(payload),
  });
  return res.json();
}

/** weapp: uploads a local temp file (e.g. from the avatar picker) to cloud storage and resolves with its cloud:// fileID. */
export async function uploadFile(tempFilePath: string, folder: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') throw new CloudError('UNSUPPORTED', '当前环境不支持上传文件');
  const ext = /\.(\w{1,5})$/.exec(tempFilePath)?.[1] ?? 'png';
  const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`;
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath });
    if (!res.fileID) throw new Error('no fileID');
    return res.fileID;
  } catch {
    throw new CloudError('UPLOAD_FAILED', '图片上传失败，请稍后重试');
  }
}
