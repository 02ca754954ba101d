// Staff invitations, pure: the one-time code an admin's request makes, and what an invitation's state allows.
import crypto from 'node:crypto';
import type { StaffInvitationDoc, StaffRole } from './documents';

/** Letters and digits without 0/O, 1/I/L: read aloud or typed from a screen without mistakes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_LENGTH = 10;
export const INVITATION_TTL_MS = 72 * 3600_000;

/** The code of the invitation an admin's request makes: the same request makes the same code, nobody can guess one. */
export function invitationCode(secret: string, createdBy: string, requestId: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`staff-invitation:${createdBy}:${requestId}`).digest();
  let code = '';
  for (let i = 0; i < INVITATION_LENGTH; i++) code += ALPHABET[mac[i] % ALPHABET.length];
  return code;
}

/** Clerks and managers belong to a store; operators, analysts and admins to none. */
export const needsStore = (role: StaffRole): boolean => role === 'clerk' || role === 'manager';

export type InvitationState = 'open' | 'used' | 'revoked' | 'expired';

export function invitationState(inv: { status: StaffInvitationDoc['status']; expiresAt: Date | string }, now: Date): InvitationState {
  if (inv.status !== 'open') return inv.status;
  return now.getTime() >= new Date(inv.expiresAt).getTime() ? 'expired' : 'open';
}
