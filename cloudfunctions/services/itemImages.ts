// Item images as members get them: one rule, the answer holds a displayable URL or null. An https address is shown
// as it is; a cloud:// file id becomes a temporary URL (one batched getTempFileURL call per answer for the ids not
// already known); anything else, or a file that does not exist, is null. A warm instance keeps each URL for half its
// lifetime (on the business clock, which is also what the storage judges expiry by), so a URL it hands out always
// has an hour left.
import { isCloudFileId, temporaryUrls, TEMP_URL_MAX_AGE_S } from '../runtime/storage';

const KEEP_MS = (TEMP_URL_MAX_AGE_S * 1000) / 2;
/** A file id that resolved to nothing is asked again after a minute (it may be uploaded meanwhile). */
const KEEP_MISSING_MS = 60 * 1000;
const MAX_ENTRIES = 2000;
const cache = new Map<string, { url: string | null; at: number }>();

function cached(fileId: string, nowMs: number): string | null | undefined {
  const hit = cache.get(fileId);
  if (!hit) return undefined;
  const age = nowMs - hit.at;
  return age >= 0 && age < (hit.url ? KEEP_MS : KEEP_MISSING_MS) ? hit.url : undefined;
}

/** Resolves the images of one answer; the function it answers maps a stored image to what the member sees. */
export async function displayImages(images: ReadonlyArray<string | null | undefined>, now: Date): Promise<(image: string | null | undefined) => string | null> {
  const nowMs = now.getTime();
  const wanted = [...new Set(images.filter(isCloudFileId))].filter((id) => cached(id, nowMs) === undefined);
  if (wanted.length > 0) {
    try {
      const urls = await temporaryUrls(wanted);
      if (cache.size + urls.size > MAX_ENTRIES) cache.clear();
      for (const [id, url] of urls) cache.set(id, { url, at: nowMs });
    } catch (err) {
      // The answer still comes without those images (the item shows its kind badge) rather than failing.
      console.error('[itemImages] getTempFileURL failed', err);
    }
  }
  return (image) => {
    if (!image) return null;
    if (image.startsWith('https://')) return image;
    if (isCloudFileId(image)) return cached(image, nowMs) ?? null;
    return null;
  };
}

/** For tests of a warm instance. */
export const forgetImageUrls = () => cache.clear();
