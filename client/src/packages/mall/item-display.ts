// How the mall shows an item to a member: its image (https only: cloud:// files need a temporary URL, not resolved
// here yet, so those items keep their kind badge) and its stock as members need it: no raw counts, only 仅剩 N 件 when
// few are left (a sold-out item says 已兑完 as its refusal reason, from the server).
export const LOW_STOCK = 10;

export const shownImage = (image: string | null): string | null => (image && image.startsWith('https://') ? image : null);

export function stockText(stock: number): string {
  return stock > 0 && stock <= LOW_STOCK ? `仅剩 ${stock} 件` : '';
}
