// Stock adjustments (补货, 盘亏): one transaction reads the item and writes its new stock with the adjustment in the
// item's stockLog, so it serialises with redemptions (which write stock in their own transactions: the later one is
// retried on the conflict) and never takes stock below zero; the request id in the log makes a retry adjust once.
import type { Output, ParsedInput } from '../../contract';
import type { StockAdjustment } from '../core/documents';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { getInTransaction, inTransaction } from '../runtime/transaction';
import { itemViews } from './views';

/** Adjustments kept on the item (the audit trail keeps all of them). */
const KEPT = 50;

export async function adjustStock({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'adjustStock'>>): Promise<Output<'catalog', 'adjustStock'>> {
  const outcome = await inTransaction(db, async (tx) => {
    const item = await getInTransaction(tx, 'mall_items', input.itemId);
    if (!item) throw new AppError('NOT_FOUND', '商品不存在');
    const log = item.stockLog ?? [];
    if (log.some((a) => a.requestId === input.requestId)) return { replayed: true, before: item.stock };
    const stock = item.stock ?? 0;
    if (stock + input.delta < 0) throw new AppError('NOT_ELIGIBLE', `库存不足：当前库存 ${stock} 件，最多减少 ${stock} 件`);
    const entry: StockAdjustment = { requestId: input.requestId, delta: input.delta, reason: input.reason, by: staff.openid, byName: staff.name, at: now, stockAfter: stock + input.delta };
    await tx.collection('mall_items').doc(input.itemId).update({ data: { stock: stock + input.delta, stockLog: [...log, entry].slice(-KEPT), updatedAt: now } as never });
    return { replayed: false, before: stock };
  }, 100);
  const [{ data }, config] = await Promise.all([db.collection('mall_items').where({ _id: input.itemId }).get(), loadConfig(db)]);
  const after = data[0];
  if (!outcome.replayed) {
    recordChange({ collection: 'mall_items', id: input.itemId, before: { stock: outcome.before }, after: { stock: outcome.before + input.delta, delta: input.delta, reason: input.reason } });
  }
  return { item: (await itemViews([after], config, now))[0], replayed: outcome.replayed };
}
