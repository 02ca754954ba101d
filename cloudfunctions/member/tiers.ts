import type { Output, ParsedInput } from '../../contract';
import { benefitViews } from '../core/member';
import { retainGrowthOf } from '../core/tierEvaluation';
import { sortedTiers, tierByLevel } from '../core/tiers';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { requireMember } from '../runtime/memberRepo';
import { placeNames } from '../services/places';

/** Every tier with its benefits and what it takes to reach and to keep it, relative to the caller. */
export async function tiers({ db, openid }: MemberContext<ParsedInput<'member', 'tiers'>>): Promise<Output<'member', 'tiers'>> {
  const [member, config, places] = await Promise.all([requireMember(db, openid), loadConfig(db), placeNames(db)]);
  const current = tierByLevel(member.tierLevel, config.tiers);
  const growth = member.growth.total;
  return {
    currentLevel: current.level,
    growth,
    tierValidUntil: member.tierValidUntil ? member.tierValidUntil.toISOString() : null,
    window: config.growth.window,
    tiers: sortedTiers(config.tiers).map((t) => ({
      level: t.level,
      name: t.name,
      minGrowth: t.minGrowth,
      retainGrowth: retainGrowthOf(t, config),
      pointsMultiplier: t.pointsMultiplier,
      upgradeGiftPoints: t.upgradeGiftPoints ?? 0,
      benefits: benefitViews(t.benefits, places.formats),
      status: t.level === current.level ? 'current' : t.minGrowth < current.minGrowth ? 'reached' : 'locked',
      growthNeeded: Math.max(0, t.minGrowth - growth),
    })),
  };
}
