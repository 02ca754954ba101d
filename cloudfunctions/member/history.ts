import type { Output, ParsedInput } from '../../contract';
import type { MemberContext } from '../runtime/handler';
import { historyPage } from '../services/memberHistory';

/** The member's points or growth entries, newest first, paged by the entries' per-member sequence. */
export async function history({ db, openid, input }: MemberContext<ParsedInput<'member', 'history'>>): Promise<Output<'member', 'history'>> {
  const page = await historyPage(db, openid, input.kind, input.cursor, input.pageSize ?? 20);
  return { items: page.items.map(({ issuer: _issuer, ...item }) => item), nextCursor: page.nextCursor };
}
