import { noInput } from '../core/validate';
import { defineFunction, memberAction } from '../runtime/handler';
import { info, leaderboard, leaderboardInput } from './info';

export const main = defineFunction({
  actions: {
    info: memberAction(noInput, info),
    leaderboard: memberAction(leaderboardInput, leaderboard),
  },
});
