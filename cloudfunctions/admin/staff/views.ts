// Staff and invitations as the console shows them, with their stores' names.
import type { Output } from '../../../contract';
import type { StaffDoc, StaffInvitationDoc, StoreDoc, Stored } from '../../core/documents';
import { invitationState } from '../../core/invitations';
import { ROLE_NAMES } from '../../core/roles';
import type { Database } from '../../runtime/dbTypes';

type StaffView = Output<'admin', 'listStaff'>['items'][number];
type InvitationView = Output<'admin', 'inviteStaff'>;

export const JOIN_PAGE = '/packages/admin/join/index';

export async function storeNames(db: Database): Promise<Map<string, string>> {
  const { data } = await db.collection('stores').limit(1000).get();
  return new Map(data.map((s: Stored<StoreDoc>) => [s._id, s.name]));
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function staffView(s: Stored<StaffDoc>, stores: Map<string, string>): StaffView {
  return {
    openid: s.openid, name: s.name, role: s.role, roleName: ROLE_NAMES[s.role], storeId: s.storeId, storeName: s.storeId ? stores.get(s.storeId) ?? null : null,
    active: s.active, version: s.version ?? 0, updatedAt: iso(s.updatedAt), updatedBy: s.lastWrite?.byName ?? null,
  };
}

export function invitationView(inv: Stored<StaffInvitationDoc>, stores: Map<string, string>, now: Date): InvitationView {
  return {
    code: inv._id, name: inv.name, role: inv.role, roleName: ROLE_NAMES[inv.role], storeId: inv.storeId, storeName: inv.storeId ? stores.get(inv.storeId) ?? null : null,
    status: invitationState(inv, now), expiresAt: iso(inv.expiresAt)!, createdBy: inv.createdByName, createdAt: iso(inv.createdAt)!,
    usedBy: inv.usedBy, usedAt: iso(inv.usedAt), path: `${JOIN_PAGE}?invitation=${inv._id}`,
  };
}
