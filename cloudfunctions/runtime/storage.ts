// Cloud storage through wx-server-sdk: upload a file, resolve cloud:// file ids to temporary URLs. The SDK answers
// at most 50 files per getTempFileURL call, so longer lists go in chunks of 50 (one call for the usual page).
import { cloud, database } from './cloud';

/** How long a temporary URL we ask for is valid (CloudBase's default too). */
export const TEMP_URL_MAX_AGE_S = 2 * 60 * 60;
const PER_CALL = 50;

type StorageSdk = {
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(o: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{ fileList: Array<{ fileID: string; status: number; tempFileURL: string }> }>;
  deleteFile(o: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>;
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>;
};

function sdk(): StorageSdk {
  database(); // runtime/cloud.ts initialises the SDK on first use
  return cloud as unknown as StorageSdk;
}

export const isCloudFileId = (value: unknown): value is string => typeof value === 'string' && value.startsWith('cloud://');

/** Stores `content` at `cloudPath`; answers its cloud:// file id. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  const { fileID } = await sdk().uploadFile({ cloudPath, fileContent: content });
  return fileID;
}

/** Temporary URLs for `fileIds` (null for a file that does not exist), valid TEMP_URL_MAX_AGE_S from now. */
export async function temporaryUrls(fileIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(fileIds)];
  for (let i = 0; i < unique.length; i += PER_CALL) {
    const chunk = unique.slice(i, i + PER_CALL);
    const { fileList } = await sdk().getTempFileURL({ fileList: chunk.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })) });
    for (const f of fileList) out.set(f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null);
  }
  for (const id of unique) if (!out.has(id)) out.set(id, null);
  return out;
}

export async function deleteFiles(fileIds: readonly string[]): Promise<void> {
  for (let i = 0; i < fileIds.length; i += PER_CALL) await sdk().deleteFile({ fileList: fileIds.slice(i, i + PER_CALL) });
}

/** The bytes of a stored file (the SDK asks for a temporary URL and fetches it). */
export async function downloadFile(fileId: string): Promise<Buffer> {
  const { fileContent } = await sdk().downloadFile({ fileID: fileId });
  return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
}
