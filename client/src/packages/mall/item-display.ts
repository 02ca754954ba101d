// How the mall shows an item to a member: its image and its stock as members need it: no raw counts, only 仅剩 N 件
// when few are left (a sold-out item says 已兑完 as its refusal reason, from the server). One rule for images: the
// server (mall.list / mall.detail) answers a displayable URL or null: https as saved, a cloud:// file as its
// temporary URL (the local cloud serves those over http). Anything else (a cloud:// id that slipped through, none)
// keeps the kind badge.
export const LOW_STOCK = 10;

export const shownImage = (image: string | null): string | null => (image && /^https?:\/\/\S+$/.test(image) ? image : null);

export function stockText(stock: number): string {
  return stock > 0 && stock <= LOW_STOCK ? `仅剩 ${stock} 件` : '';
}
