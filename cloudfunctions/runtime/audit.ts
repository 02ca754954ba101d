// The staff audit trail (`staff_audit`): every staff write that succeeded, with who (openid, name, role, store), from
// which device, when, the action and its input, and whether it was a replay. Written after the write succeeds, so a
// retried request is entered again, marked `replayed`; a function stopped between the two loses the entry but never
// the write, whose own documents (order issuer, redemption `used.staff`, ledger issuer) still name the staff.
import crypto from 'node:crypto';
import type { AuditChange, StaffAuditDoc, StaffDoc, StaffStamp } from '../core/documents';
import type { Database } from './dbTypes';
import { retryOnConflict } from './dbErrors';

export interface StaffWrite {
  fn: string;
  action: string;
  staff: Pick<StaffDoc, 'openid' | 'name' | 'role' | 'storeId'>;
  device: string | null;
  /** The web console session the write came from, null from the mini-program. */
  web?: { sessionId: string } | null;
  input: object;
  result: unknown;
  changes: AuditChange[];
}

function outcomeOf(result: unknown): Pick<StaffAuditDoc, 'replayed' | 'outcome'> {
  const r = (typeof result === 'object' && result !== null ? result : {}) as { replayed?: unknown; status?: unknown };
  return { replayed: r.replayed === true, outcome: typeof r.status === 'string' ? r.status : null };
}

export async function auditStaffWrite(db: Database, write: StaffWrite, now: Date): Promise<void> {
  const { staff } = write;
  const doc: StaffAuditDoc = {
    _id: `${now.getTime().toString(36)}-${crypto.randomBytes(8).toString('hex')}`,
    fn: write.fn,
    action: write.action,
    staff: staff.openid,
    staffName: staff.name,
    role: staff.role,
    storeId: staff.storeId,
    device: write.device,
    input: write.input as Record<string, unknown>,
    ...outcomeOf(write.result),
    ...(write.changes.length ? { changes: write.changes } : {}),
    ...(write.web ? { via: 'web' as const, session: write.web.sessionId } : {}),
    at: now,
  };
  await retryOnConflict(() => db.collection('staff_audit').add({ data: doc }));
}

/** Who did a write, from which device, as held records keep it. */
export const stampOf = (staff: Pick<StaffDoc, 'openid' | 'name' | 'role'>, device: string | null): StaffStamp => ({ openid: staff.openid, name: staff.name, role: staff.role, device });
