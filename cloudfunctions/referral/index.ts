import { referral } from '../../contract/engage';
import { defineFunction, memberAction } from '../runtime/handler';
import { info, invitation, leaderboard } from './info';

export const main = defineFunction({
  name: 'referral',
  contract: referral,
  actions: {
    info: memberAction(info),
    invitation: memberAction(invitation),
    leaderboard: memberAction(leaderboard),
  },
});
