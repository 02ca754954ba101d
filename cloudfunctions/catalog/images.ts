// Item images uploaded in the console (the H5 demo posts the bytes; the mini-program uploads with
// Taro.cloud.uploadFile itself): checked by their bytes (PNG, JPEG, WebP), at most 2 MB, stored in cloud storage at a
// path made from their hash, so the same image uploaded twice is one file with one id.
import crypto from 'crypto';
import type { Output, ParsedInput } from '../../contract';
import { ITEM_IMAGE_MAX_BYTES } from '../../contract/consoleCatalog';
import { AppError } from '../core/errors';
import { auditStaffWrite } from '../runtime/audit';
import type { StaffContext } from '../runtime/handler';
import { uploadFile } from '../runtime/storage';

type ImageType = Output<'catalog', 'uploadItemImage'>['contentType'];

/** The image type of `bytes` by their magic numbers, or null. */
export function imageTypeOf(bytes: Buffer): { contentType: ImageType; ext: string } | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { contentType: 'image/png', ext: 'png' };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return { contentType: 'image/webp', ext: 'webp' };
  return null;
}

/** Why `bytes` cannot be an item image (Chinese, for the operator), or null. */
export function imageProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return '图片内容为空';
  if (bytes.length > ITEM_IMAGE_MAX_BYTES) return '图片不能超过 2 MB';
  if (!imageTypeOf(bytes)) return '只支持 PNG、JPEG 或 WebP 图片';
  return null;
}

export async function uploadItemImage(ctx: StaffContext<ParsedInput<'catalog', 'uploadItemImage'>>): Promise<Output<'catalog', 'uploadItemImage'>> {
  const { input, db, staff, device, now, web } = ctx;
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const problem = imageProblem(bytes);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const type = imageTypeOf(bytes) as NonNullable<ReturnType<typeof imageTypeOf>>;
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const fileId = await uploadFile(`mall-items/${hash.slice(0, 2)}/${hash.slice(0, 32)}.${type.ext}`, bytes);
  const result = { fileId, bytes: bytes.length, contentType: type.contentType };
  // Audited by hand: the automatic entry would keep the whole base64 input.
  await auditStaffWrite(db, { fn: 'catalog', action: 'uploadItemImage', staff, device, web, input: { fileName: input.fileName, bytes: bytes.length, fileId }, result, changes: [] }, now);
  return result;
}
