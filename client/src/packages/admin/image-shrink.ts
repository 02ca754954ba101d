// H5 uploads travel as base64 inside one function call, and a call's body is bounded (the gateway refuses over 1 MB),
// so a large photo is redrawn smaller in the browser first: at most 1600 px on its longer side, as JPEG (on white,
// for a transparent PNG), with the quality lowered until it fits. A mall image needs no more than that.
export const H5_UPLOAD_MAX_BYTES = 700 * 1024;
const MAX_EDGE = 1600;
const QUALITIES = [0.85, 0.75, 0.65, 0.5];

export type Shrink = (image: Blob) => Promise<Blob>;

function decode(image: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(image);
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('decode')); };
    img.src = url;
  });
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

/** The image as it is when it fits, else redrawn smaller; rejects when the browser cannot decode it. */
export const shrinkInBrowser: Shrink = async (image) => {
  if (image.size <= H5_UPLOAD_MAX_BYTES) return image;
  const img = await decode(image);
  const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  let smallest: Blob | null = null;
  for (const q of QUALITIES) {
    const out = await toBlob(canvas, q);
    if (out && (!smallest || out.size < smallest.size)) smallest = out;
    if (out && out.size <= H5_UPLOAD_MAX_BYTES) break;
  }
  if (!smallest) throw new Error('encode');
  return smallest;
};
