// The rules as a form: built from the one rules schema, every rule has a Chinese label, every choice a name, a
// union's variant fields say when they show, and a form filled with the defaults covers every default value.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { ruleForm } from '../../cloudfunctions/core/rules/form';

const form = ruleForm();

test('every field and list of the rules schema has a Chinese label and every choice a name', () => {
  const unlabelled = [...form.fields, ...form.lists].filter((f) => !/[\u4e00-\u9fa5]/.test(f.label)).map((f) => f.path);
  expect(unlabelled).toEqual([]);
  const unnamed = form.fields.flatMap((f) => (f.choices ?? []).filter((c) => c.name === c.value).map((c) => `${f.path}=${c.value}`));
  expect(unnamed).toEqual([]);
  expect(form.sections.map((s) => s.key)).toEqual(Object.keys(DEFAULT_CONFIG));
});

test('kinds, ranges and variants come from the schema', () => {
  const at = (path: string) => form.fields.find((f) => f.path === path);
  expect(at('points.pointsPerYuan')).toMatchObject({ kind: 'number', label: '每元积分', unit: '积分/元', min: 0, max: 100 });
  expect(at('staff.backdateDays.clerk')).toMatchObject({ kind: 'int', min: 0, max: 30 });
  expect(at('checkin.enabled')).toMatchObject({ kind: 'bool' });
  expect(at('points.negativeBalancePolicy')?.choices?.map((c) => c.value)).toEqual(['carry', 'forgive']);
  expect(at('growth.window.mode')?.choices?.map((c) => c.value).sort()).toEqual(['naturalYear', 'rolling']);
  expect(at('growth.window.months')).toMatchObject({ kind: 'int', when: { field: 'growth.window.mode', value: 'rolling' } });
  expect(at('points.doublePointsDays.daysOfMonth')).toMatchObject({ kind: 'intList' });
  expect(at('tiers[].retainGrowth')).toMatchObject({ optional: true });
  expect(form.lists.map((l) => l.path)).toEqual(expect.arrayContaining(['tiers', 'tiers[].benefits', 'points.campaigns', 'checkin.milestones', 'tasks.list']));
});

test('every default value has its field', () => {
  const paths = new Set([...form.fields, ...form.lists].map((f) => f.path));
  const missing: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v) && v.length && typeof v[0] === 'object') return v.forEach((x) => walk(x, `${p}[]`));
    if (v && typeof v === 'object' && !Array.isArray(v) && !p.endsWith('purchaseLimits.stores')) return Object.entries(v).forEach(([k, x]) => walk(x, p ? `${p}.${k}` : k));
    if (!paths.has(p)) missing.push(p);
  };
  walk(DEFAULT_CONFIG, '');
  expect(missing).toEqual([]);
});
