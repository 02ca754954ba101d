// The console's marks on a member account: frozen (fraud handling: a frozen member still earns but cannot redeem,
// core/mall.ts) and the request ids of the latest freeze/unfreeze, so a retried request changes nothing twice. Kept on
// the member document and written through the member write path (runtime/memberRepo.ts writeMember).
import type { MemberDoc, MemberFreeze } from '../core/member';

export type { MemberFreeze };

/** Freeze requests remembered on the member document. */
export const REMEMBERED_FREEZE_REQUESTS = 20;

export const isFrozen = (member: Pick<MemberDoc, 'frozen'>): boolean => !!member.frozen;

/** A freeze as the console shows it. */
export function freezeView(freeze: MemberDoc['frozen']): { reason: string; at: string; byName: string } | null {
  return freeze ? { reason: freeze.reason, at: new Date(freeze.at).toISOString(), byName: freeze.byName } : null;
}
