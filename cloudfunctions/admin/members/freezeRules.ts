// Freezing and unfreezing a member as a pure plan on the member as its transaction reads it: a replayed request
// changes nothing, a request id used for the opposite change is refused, freezing a frozen member (or unfreezing one
// that is not) is ALREADY_DONE.
import type { Stored } from '../../core/documents';
import { AppError } from '../../core/errors';
import type { MemberDoc } from '../../core/member';
import { REMEMBERED_FREEZE_REQUESTS, type MemberFreeze } from '../../services/memberAccount';

export interface FreezeRequest { frozen: boolean; reason: string; requestId: string }

export interface FreezePlan {
  /** The member fields to set; null for a replay. */
  fields: { frozen: MemberFreeze | null; freezeRequests: string[] } | null;
  before: Stored<MemberFreeze> | null;
  after: Stored<MemberFreeze> | null;
  replayed: boolean;
}

const tagOf = (requestId: string, frozen: boolean) => `${requestId}:${frozen ? 1 : 0}`;

export function planFreeze(member: Pick<MemberDoc, 'frozen' | 'freezeRequests'>, request: FreezeRequest, by: { openid: string; name: string }, now: Date): FreezePlan {
  const before = member.frozen ?? null;
  const requests = member.freezeRequests ?? [];
  if (requests.includes(tagOf(request.requestId, request.frozen))) return { fields: null, before, after: before, replayed: true };
  if (requests.includes(tagOf(request.requestId, !request.frozen))) throw new AppError('ALREADY_EXISTS', '该请求号已用于其他操作');
  if (request.frozen && before) throw new AppError('ALREADY_DONE', '该会员已处于冻结状态');
  if (!request.frozen && !before) throw new AppError('ALREADY_DONE', '该会员未被冻结');
  const after: MemberFreeze | null = request.frozen
    ? { reason: request.reason, at: now, by: by.openid, byName: by.name, requestId: request.requestId }
    : null;
  const freezeRequests = [...requests, tagOf(request.requestId, request.frozen)].slice(-REMEMBERED_FREEZE_REQUESTS);
  return { fields: { frozen: after, freezeRequests }, before, after, replayed: false };
}
