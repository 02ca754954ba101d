import { referral } from '../../contract/engage';
import { defineFunction, memberAction } from '../runtime/handler';
import { info, leaderboard } from './info';

export const main = defineFunction({
  name: 'referral',
  contract: referral,
  actions: {
    info: memberAction(info),
    leaderboard: memberAction(leaderboard),
  },
});
