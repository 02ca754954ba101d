// admin.memberLedger: the member's points or growth history, newest first (the member by number, then one page).
import type { Output, ParsedInput } from '../../../contract';
import { AppError } from '../../core/errors';
import type { StaffContext } from '../../runtime/handler';
import { historyPage } from '../../services/memberHistory';

export async function memberLedger({ db, input }: StaffContext<ParsedInput<'admin', 'memberLedger'>>): Promise<Output<'admin', 'memberLedger'>> {
  const { data } = await db.collection('members').where({ memberNo: input.memberNo }).limit(1).field({ openid: true }).get();
  if (!data[0]) throw new AppError('NOT_FOUND', '会员不存在');
  return historyPage(db, data[0].openid, input.kind, input.cursor, input.pageSize ?? 20);
}
