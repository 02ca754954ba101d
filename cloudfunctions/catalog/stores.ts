// Stores and their business formats (业态): a format keeps one Chinese name across its stores. The till reads stores
// through a one-minute warm cache (staff/stores.ts), so a change reaches the till within a minute.
import type { Output, ParsedInput } from '../../contract';
import type { StoreDoc } from '../core/documents';
import { AppError } from '../core/errors';
import { pointOf } from '../core/storeLocation';
import type { StaffContext } from '../runtime/handler';
import { createVersioned, updateVersioned } from '../services/versioned';
import { allStores } from './context';
import { storeView } from './views';

const LABELS: Record<string, string> = { name: '门店名称', format: '业态编码', formatName: '业态名称', address: '地址', hours: '营业时间', phone: '电话', location: '位置' };

export async function listStores({ db }: StaffContext<ParsedInput<'catalog', 'listStores'>>): Promise<Output<'catalog', 'listStores'>> {
  const stores = (await allStores(db)).sort((a, b) => a._id.localeCompare(b._id));
  const formats = new Map<string, string>();
  for (const s of stores) if (!formats.has(s.format)) formats.set(s.format, s.formatName ?? s.format);
  return { items: stores.map(storeView), formats: [...formats].map(([format, formatName]) => ({ format, formatName })) };
}

export async function saveStore({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'saveStore'>>): Promise<Output<'catalog', 'saveStore'>> {
  const stores = await allStores(db);
  const other = stores.find((s) => s._id !== input.storeId && s.format === input.store.format && (s.formatName ?? s.format) !== input.store.formatName);
  if (other) throw new AppError('INVALID_INPUT', `业态 ${input.store.format} 已命名为“${other.formatName}”，同一业态的门店须使用同一名称`);
  const by = { openid: staff.openid, name: staff.name };
  const { address, hours, phone, location } = input.store;
  // Absent details are cleared on an edit (the form sends every field it shows), so a removed phone does not linger.
  const fields: Omit<StoreDoc, '_id'> = {
    name: input.store.name, format: input.store.format, formatName: input.store.formatName,
    address: address ?? '', hours: hours ?? '', phone: phone ?? '', location: location ? pointOf(location) : null,
  };
  const saved = input.expectedVersion === undefined
    ? await createVersioned(db, 'stores', { _id: input.storeId, ...fields } as StoreDoc, { requestId: input.requestId, by, exists: '门店编号已存在' }, now)
    : await updateVersioned(db, 'stores', input.storeId, { expectedVersion: input.expectedVersion, requestId: input.requestId, by, patch: fields, labels: LABELS, notFound: '门店不存在' }, now);
  if (!saved.replayed) recordChange({ collection: 'stores', id: input.storeId, before: saved.before, after: saved.doc });
  return { store: storeView(saved.doc), replayed: saved.replayed };
}
