import type { Output } from '@contract/index';

type GrowthDimension = keyof Output<'member', 'home'>['growth']['breakdown'];

export const DIMENSIONS: ReadonlyArray<{ key: GrowthDimension; label: string }> = [
  { key: 'consumption', label: '消费' },
  { key: 'interaction', label: '互动' },
  { key: 'social', label: '社交' },
  { key: 'lifecycle', label: '忠诚' },
];

export function dimensionLabel(key: string | undefined): string {
  return DIMENSIONS.find((d) => d.key === key)?.label ?? '';
}

const ENTRY_TYPES: Record<string, string> = {
  earn: '获得',
  spend: '使用',
  expire: '过期',
  refund: '退还',
  adjust: '调整',
  reverse: '退款扣回',
};

/** Label of a ledger entry type; '' for types without one (growth entries carry event names such as `order`). */
export function entryTypeLabel(type: string): string {
  return ENTRY_TYPES[type] ?? '';
}
