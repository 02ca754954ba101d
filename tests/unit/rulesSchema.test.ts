import * as z from 'zod/mini';
import {
  checkOverrides, configProblems, DEFAULT_CONFIG, describeProblems, loyaltyConfigSchema, mergeConfig, storedRules,
  type GrowthWindow, type LoyaltyConfig, type TierRule,
} from '../../cloudfunctions/core/config';

const problemsOf = (overrides: unknown): string => {
  const r = checkOverrides(overrides);
  if (r.ok) throw new Error(`expected ${JSON.stringify(overrides)} to be refused`);
  return describeProblems(r.problems);
};

const tier = (level: number, minGrowth: number, extra: Partial<TierRule> = {}): TierRule =>
  ({ level, name: `L${level}`, minGrowth, pointsMultiplier: 1, benefits: [], ...extra });

describe('the rules schema', () => {
  test('the defaults pass, and parsing gives them back unchanged', () => {
    expect(configProblems(DEFAULT_CONFIG)).toEqual([]);
    expect(z.parse(loyaltyConfigSchema, DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
  });

  test('types are inferred from the schema', () => {
    const config: LoyaltyConfig = z.parse(loyaltyConfigSchema, DEFAULT_CONFIG);
    const window: GrowthWindow = config.growth.window;
    // @ts-expect-error a naturalYear window has no months
    const wrong: GrowthWindow = { mode: 'naturalYear', months: 12 };
    expect([window.mode, wrong.mode]).toEqual(['rolling', 'naturalYear']);
    // @ts-expect-error the policy is carry or forgive
    config.points.negativeBalancePolicy = 'ignore';
  });

  test.each([
    [{ tiers: [] }, '至少需要一个会员等级'],
    [{ tiers: [tier(0, 0), tier(0, 600)] }, '会员等级 level 不能重复'],
    [{ tiers: [tier(0, 10), tier(2, 600)] }, '最低等级的成长值门槛必须为 0'],
    [{ tiers: [tier(0, 0), tier(2, 600), tier(1, 900)] }, '等级 level 必须随成长值门槛递增'],
    [{ tiers: [tier(0, 0), tier(2, 600, { name: '金卡', retainGrowth: 700 })] }, '等级 金卡 的保级成长值必须是不超过门槛的非负整数'],
    [{ tiers: [tier(0, 0), tier(2, 600)], growth: { lifecycle: { highTierMinLevel: 3 } } }, '高等级持有奖励的起始等级必须是已配置的等级 level'],
    [{ growth: { weights: { consumption: 0.9 } } }, '成长值四项权重之和必须等于 1'],
    [{ growth: { window: { mode: 'rolling', months: 40 } } }, '成长值周期必须是自然年或 1-36 个月滚动'],
    [{ points: { campaigns: [{ name: '店庆', from: '2026-09-07', to: '2026-09-01', multiplier: 2 }] } }, '活动 店庆 的日期范围不正确'],
    [{ points: { campaigns: [{ name: '满500', from: '2026-09-01', to: '2026-09-07', minFen: 50000 }] } }, '活动 满500 需设置活动倍率或赠送积分'],
    [{ points: { campaigns: [{ name: '满0', from: '2026-09-01', to: '2026-09-07', minFen: 0, multiplier: 2 }] } }, '活动 满0 的消费门槛必须是正整数（分）'],
    [{ memberCode: { validSlots: 5, recogniseSlots: 3 } }, '会员码刷新间隔须为 10-300 秒，有效时段 1-10 个'],
    [{ tasks: { list: [DEFAULT_CONFIG.tasks.list[0], DEFAULT_CONFIG.tasks.list[0]] } }, '任务 profile 重复'],
  ])('cross-field check: %j is refused with %s', (overrides, message) => {
    expect(problemsOf(overrides)).toContain(message);
  });

  test.each([
    [{ tierPolicy: { downgradeMaxSteps: 0 } }, '每次评估最多下降的等级数必须是正整数（tierPolicy.downgradeMaxSteps）'],
    [{ tierPolicy: { validityMonths: 0 } }, '等级有效期必须是 1-36 个月'],
    [{ tierPolicy: { defaultRetainRatio: 1.5 } }, '默认保级比例必须在 0-1 之间'],
    [{ growth: { consumption: { perYuan: -1 } } }, '每元成长值必须在 0-100 之间'],
    [{ growth: { consumption: { highValueBonus: [{ minFen: 0, growth: 5 }] } } }, '大额订单奖励的门槛必须是正整数（分）'],
    [{ growth: { events: { visit: { dailyCap: 1.5 } } } }, '互动与社交行为的成长值与每日上限必须是非负整数（growth.events.visit.dailyCap）'],
    [{ growth: { lifecycle: { dormancy: { percent: 120 } } } }, '休眠衰减比例必须在 0-100 之间'],
    [{ points: { multiplierCombination: 'sum' } }, '活动倍率叠加方式必须是 highest（取最高）或 product（相乘）'],
    [{ referral: { cycleDepth: 0 } }, '邀请关系环路检查层数必须是 1-20 的整数'],
    [{ checkin: { enabled: 'yes' } }, '配置项 checkin.enabled 的值不正确'],
  ])('range check: %j is refused with %s', (overrides, message) => {
    expect(problemsOf(overrides)).toContain(message);
  });

  test('unknown keys are refused with their path, at the top and nested', () => {
    expect(problemsOf({ unknownRule: 1 })).toBe('配置项 unknownRule 不被支持');
    expect(problemsOf({ points: { pointsPerYaun: 2 } })).toBe('配置项 points.pointsPerYaun 不被支持');
    expect(problemsOf({ growth: { events: { sharePoster: { growth: 1, dailyCap: 1 } } } })).toBe('配置项 growth.events.sharePoster 不被支持');
    expect(problemsOf({ tiers: [{ ...tier(0, 0), colour: 'gold' }, tier(2, 600)] })).toBe('配置项 tiers[0].colour 不被支持');
    expect(problemsOf({ growth: { window: { mode: 'rolling', months: 12, weeks: 2 } } })).toBe('配置项 growth.window.weeks 不被支持');
  });

  test('a partial override merges over the defaults; lists replace; a new mode replaces its variant', () => {
    const r = checkOverrides({ points: { registrationBonus: 300, expiry: { mode: 'rolling', months: 6 } }, tiers: [tier(0, 0), tier(2, 600)], _id: 'loyalty' });
    if (!r.ok) throw new Error(describeProblems(r.problems));
    expect(r.config.points).toEqual({ ...DEFAULT_CONFIG.points, registrationBonus: 300, expiry: { mode: 'rolling', months: 6 } });
    expect(r.config.tiers.map((t) => t.level)).toEqual([0, 2]);
    expect(r.config.growth).toEqual(DEFAULT_CONFIG.growth);
    expect(r.config).not.toHaveProperty('_id');
    expect(mergeConfig(DEFAULT_CONFIG, { growth: { window: { mode: 'naturalYear' } } }).growth.window).toEqual({ mode: 'naturalYear' });
    expect(checkOverrides(undefined)).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(problemsOf([{ points: {} }])).toBe('规则配置必须是对象');
  });

  test('stored overrides that fail: unknown keys are dropped, anything else falls back to the defaults', () => {
    expect(storedRules({ points: { registrationBonus: 300 } })).toMatchObject({ fallback: 'none', problems: [] });
    const typo = storedRules({ points: { registrationBonus: 300, pointsPerYaun: 2 } });
    expect(typo).toMatchObject({ fallback: 'unknownKeysDropped', config: { points: { registrationBonus: 300, pointsPerYuan: 1 } } });
    expect(typo.config.points).not.toHaveProperty('pointsPerYaun');
    const broken = storedRules({ points: { registrationBonus: -5, pointsPerYaun: 2 } });
    expect(broken.fallback).toBe('defaults');
    expect(broken.config).toBe(DEFAULT_CONFIG);
    expect(describeProblems(broken.problems)).toBe('配置项 points.pointsPerYaun 不被支持；注册礼积分必须是非负整数（points.registrationBonus）');
  });
});
