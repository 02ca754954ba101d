import { member } from '../../contract/member';
import type { ParsedInput } from '../../contract';
import { defineFunction, memberAction, type MemberContext } from '../runtime/handler';
import { code } from './code';
import { history } from './history';
import { home } from './home';
import { login } from './login';
import { nearbyStores } from './nearbyStores';
import { bindPhone } from './phone';
import { joinStaff } from '../services/staffInvitations';
import { updateProfile } from './profile';
import { tiers } from './tiers';
import { decideRequest, pendingRequest } from '../services/deductions';

export const main = defineFunction({
  name: 'member',
  contract: member,
  actions: {
    login: memberAction(login),
    home: memberAction(home),
    tiers: memberAction(tiers),
    history: memberAction(history),
    code: memberAction(code),
    updateProfile: memberAction(updateProfile),
    bindPhone: memberAction(bindPhone),
    nearbyStores: memberAction(nearbyStores),
    pendingDeduction: memberAction(({ db, openid, now }: MemberContext<unknown>) => pendingRequest(db, openid, now)),
    decideDeduction: memberAction(({ db, openid, input, now }: MemberContext<ParsedInput<'member', 'decideDeduction'>>) => decideRequest(db, openid, input, now)),
    joinStaff: memberAction(({ db, openid, input, now }: MemberContext<ParsedInput<'member', 'joinStaff'>>) => joinStaff(db, openid, input.invitation, now)),
  },
});
