import Taro from '@tarojs/taro';
import { CloudError } from './cloud-error';

export type UploadFn = (tempFilePath: string, folder: string) => Promise<string>;

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
