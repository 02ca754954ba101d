// Mall items in the console: the list (published or not, by sort order, cursor paging), creating and editing every
// field (versioned: a stale save names who changed the item), publishing and unpublishing. Stock changes only through
// adjustStock (stock.ts) once the item exists, so an edit never overwrites what redemptions did meanwhile.
import crypto from 'crypto';
import type { Output, ParsedInput } from '../../contract';
import type { MallItemDoc, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { reviveItem } from '../services/redemptions';
import { createVersioned, updateVersioned } from '../services/versioned';
import { catalogContext } from './context';
import { itemProblem } from './itemRules';
import { itemViews } from './views';

type SaveInput = ParsedInput<'catalog', 'saveItem'>;
type Fields = SaveInput['item'];

/** Field names in a stale refusal (已被他人修改，请刷新：… 修改了 名称、所需积分). */
export const ITEM_LABELS: Record<string, string> = {
  kind: '类型', name: '名称', category: '分类', description: '介绍', image: '图片', pointsPrice: '所需积分', faceValueFen: '面值',
  membershipMonths: '会员月数', perOrderLimit: '每单限兑', perMemberLimit: '每人限兑', minTierLevel: '最低等级', saleStart: '开始兑换时间',
  saleEnd: '结束兑换时间', fundedBy: '出资方', redeemAt: '核销范围', voucherValidDays: '券有效天数', sort: '排序', active: '上架状态',
};

const NOT_FOUND = '商品不存在';

/** The editable fields as stored: absent optionals are stored as null, so an edit can clear them. */
function storedFields(f: Fields) {
  return {
    kind: f.kind, name: f.name, category: f.category, description: f.description, image: f.image ?? null, pointsPrice: f.pointsPrice,
    faceValueFen: f.faceValueFen ?? null, membershipMonths: f.membershipMonths ?? null, perOrderLimit: f.perOrderLimit, perMemberLimit: f.perMemberLimit,
    minTierLevel: f.minTierLevel, saleStart: f.saleStart ? new Date(f.saleStart) : null, saleEnd: f.saleEnd ? new Date(f.saleEnd) : null,
    fundedBy: { format: f.fundedBy.format, storeId: f.fundedBy.storeId ?? null },
    redeemAt: f.redeemAt ? { storeIds: f.redeemAt.storeIds ?? [], formats: f.redeemAt.formats ?? [] } : null,
    voucherValidDays: f.voucherValidDays, sort: f.sort,
  };
}

/** A new item's id when the operator gives none: derived from the request id, so a retried create hits the same id. */
const itemIdFor = (requestId: string) => `item-${crypto.createHash('sha256').update(requestId).digest('hex').slice(0, 12)}`;

export async function listItems({ db, input, now }: StaffContext<ParsedInput<'catalog', 'listItems'>>): Promise<Output<'catalog', 'listItems'>> {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const conditions: object[] = [];
  if (input.itemId) conditions.push({ _id: input.itemId });
  if (input.published !== undefined) conditions.push({ active: input.published });
  if (input.cursor) {
    const at = input.cursor.indexOf(':');
    const sort = Number(input.cursor.slice(0, at));
    const id = input.cursor.slice(at + 1);
    conditions.push(_.or([{ sort: _.gt(sort) }, { sort, _id: _.gt(id) }]));
  }
  const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions);
  const [found, config] = await Promise.all([
    db.collection('mall_items').where(where as never).orderBy('sort', 'asc').orderBy('_id', 'asc').limit(size + 1).get(),
    loadConfig(db),
  ]);
  const page = found.data.slice(0, size);
  const last = page[page.length - 1];
  return {
    items: await itemViews(page, config, now),
    nextCursor: found.data.length > size && last ? `${last.sort ?? 0}:${last._id}` : null,
    tiers: [...config.tiers].sort((a, b) => a.level - b.level).map((t) => ({ level: t.level, name: t.name })),
  };
}

export async function saveItem({ db, input, staff, now, recordChange }: StaffContext<SaveInput>): Promise<Output<'catalog', 'saveItem'>> {
  const { ctx, config } = await catalogContext(db);
  const fields = storedFields(input.item);
  const problem = itemProblem(fields, ctx);
  const by = { openid: staff.openid, name: staff.name };
  if (input.expectedVersion === undefined) {
    if (problem) throw new AppError('INVALID_INPUT', problem);
    const id = input.itemId ?? itemIdFor(input.requestId);
    const doc = { _id: id, ...fields, stock: input.stock ?? 0, sold: 0, active: false, stockLog: [] } as unknown as Omit<MallItemDoc, 'version'>;
    const saved = await createVersioned(db, 'mall_items', doc as never, { requestId: input.requestId, by, exists: '商品编号已存在' }, now);
    if (!saved.replayed) recordChange({ collection: 'mall_items', id, before: null, after: saved.doc });
    return { item: (await itemViews([saved.doc as Stored<MallItemDoc>], config, now))[0], replayed: saved.replayed };
  }
  if (!input.itemId) throw new AppError('INVALID_INPUT', '修改商品请指定商品');
  if (input.stock !== undefined) throw new AppError('INVALID_INPUT', '库存请通过“调整库存”修改');
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const saved = await updateVersioned(db, 'mall_items', input.itemId, {
    expectedVersion: input.expectedVersion, requestId: input.requestId, by, patch: fields as unknown as Partial<MallItemDoc>, labels: ITEM_LABELS, notFound: NOT_FOUND,
  }, now);
  if (!saved.replayed) recordChange({ collection: 'mall_items', id: input.itemId, before: saved.before, after: saved.doc });
  return { item: (await itemViews([saved.doc], config, now))[0], replayed: saved.replayed };
}

export async function setItemPublished({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'setItemPublished'>>): Promise<Output<'catalog', 'setItemPublished'>> {
  const { ctx, config } = await catalogContext(db);
  if (input.published) {
    // A seeded or older item is checked again before members see it.
    const { data } = await db.collection('mall_items').where({ _id: input.itemId }).get();
    if (!data[0]) throw new AppError('NOT_FOUND', NOT_FOUND);
    const problem = data[0].lastWrite?.requestId === input.requestId ? null : itemProblem(reviveItem(data[0]), ctx);
    if (problem) throw new AppError('NOT_ELIGIBLE', `不能上架：${problem}`);
  }
  const saved = await updateVersioned(db, 'mall_items', input.itemId, {
    expectedVersion: input.expectedVersion, requestId: input.requestId, by: { openid: staff.openid, name: staff.name },
    patch: { active: input.published }, labels: ITEM_LABELS, notFound: NOT_FOUND,
  }, now);
  if (!saved.replayed) recordChange({ collection: 'mall_items', id: input.itemId, before: saved.before, after: saved.doc });
  return { item: (await itemViews([saved.doc], config, now))[0], replayed: saved.replayed };
}
