// The rule change preview, pure: the field-by-field diff and the tier ladder's impact from growth bands.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { diffRules } from '../../cloudfunctions/core/configDiff';
import { growthBands, tierImpact } from '../../cloudfunctions/core/tierImpact';
import { tierForGrowth } from '../../cloudfunctions/core/tiers';

describe('diffRules', () => {
  test('names each changed leaf by its path, in lists too; equal rules have no changes', () => {
    const before = { points: { pointsPerYuan: 1, registrationBonus: 100 }, tiers: [{ level: 0, minGrowth: 0 }, { level: 1, minGrowth: 500 }] };
    const after = { points: { pointsPerYuan: 2, registrationBonus: 100 }, tiers: [{ level: 0, minGrowth: 0 }, { level: 1, minGrowth: 800 }, { level: 2, minGrowth: 2000 }] };
    expect(diffRules(before, after)).toEqual([
      { path: 'points.pointsPerYuan', before: 1, after: 2 },
      { path: 'tiers[1].minGrowth', before: 500, after: 800 },
      { path: 'tiers[2]', before: null, after: { level: 2, minGrowth: 2000 } },
    ]);
    expect(diffRules(DEFAULT_CONFIG, structuredClone(DEFAULT_CONFIG))).toEqual([]);
  });
});

describe('tierImpact', () => {
  const current = DEFAULT_CONFIG.tiers;
  const raised = current.map((t) => (t.minGrowth > 0 ? { ...t, minGrowth: t.minGrowth * 2 } : t));

  test('every band maps to one level under each ladder, so the counts agree with a member-by-member evaluation', () => {
    const bands = growthBands(current, raised);
    // Members at growth values across every band, counted per band as the database would.
    const growths = [0, 10, ...bands.flatMap((b) => [b, b + 1, Math.max(0, b - 1)]), 1_000_000];
    const counts = bands.map((edge, i) => growths.filter((g) => g >= edge && (i === bands.length - 1 || g < bands[i + 1])).length);
    const impact = tierImpact(bands, counts, current, raised);
    const expectedDown = growths.filter((g) => tierForGrowth(g, raised).level < tierForGrowth(g, current).level).length;
    expect(impact).toMatchObject({ members: growths.length, up: 0, down: expectedDown });
    expect(expectedDown).toBeGreaterThan(0);
    for (const level of impact.byLevel) {
      expect(level.before).toBe(growths.filter((g) => tierForGrowth(g, current).level === level.level).length);
      expect(level.after).toBe(growths.filter((g) => tierForGrowth(g, raised).level === level.level).length);
    }
    expect(tierImpact(bands, counts, current, current)).toMatchObject({ up: 0, down: 0 });
  });
});
