// admin.searchMembers: by member number (the unique index), by bound phone (the `member_phones` claim, then the
// member by _id) or by nickname prefix (an anchored regex on the nickname index, in nickname then member number
// order, paged by the last row). 1–2 database requests besides the handler's staff record, one more when the rules
// are not warm.
import type { Output, ParsedInput } from '../../../contract';
import { loadConfig } from '../../runtime/configStore';
import type { StaffContext } from '../../runtime/handler';
import { phoneOwner } from '../../services/phones';
import { decodeCursor, encodeCursor, namePrefix, searchKeyOf } from './query';
import { memberRow, ROW_FIELDS } from './views';

export async function searchMembers({ db, input }: StaffContext<ParsedInput<'admin', 'searchMembers'>>): Promise<Output<'admin', 'searchMembers'>> {
  const _ = db.command;
  const by = searchKeyOf(input.keyword, input.searchBy);
  const size = input.pageSize ?? 20;
  const members = db.collection('members');
  const find = async () => {
    if (by === 'memberNo') return (await members.where({ memberNo: input.keyword }).limit(1).field(ROW_FIELDS).get()).data;
    if (by === 'phone') {
      const openid = await phoneOwner(db, input.keyword);
      return openid ? (await members.where({ _id: openid }).limit(1).field(ROW_FIELDS).get()).data : [];
    }
    const prefix = { nickname: namePrefix(input.keyword) };
    const after = input.cursor ? decodeCursor(input.cursor) : null;
    const where = after
      ? _.and([prefix, _.or([{ nickname: _.gt(after.nickname) }, { nickname: after.nickname, memberNo: _.gt(after.memberNo) }])])
      : prefix;
    return (await members.where(where).orderBy('nickname', 'asc').orderBy('memberNo', 'asc').limit(size + 1).field(ROW_FIELDS).get()).data;
  };
  const [found, config] = await Promise.all([find(), loadConfig(db)]);
  const page = found.slice(0, size);
  const last = page[page.length - 1];
  return {
    searchedBy: by,
    items: page.map((m) => memberRow(m, config)),
    nextCursor: found.length > size && last ? encodeCursor({ memberNo: last.memberNo, nickname: last.nickname }) : null,
  };
}
