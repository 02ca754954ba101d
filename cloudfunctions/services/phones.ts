// Bound phone numbers: one member per number, claimed by the number's document in `member_phones` (member.bindPhone).
import type { Database } from '../runtime/dbTypes';

/** 13800138000 → 138****8000. */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** The openid of the member who bound `phone`, or null. */
export async function phoneOwner(db: Database, phone: string): Promise<string | null> {
  const { data } = await db.collection('member_phones').where({ _id: phone }).limit(1).get();
  return data[0]?.openid ?? null;
}
