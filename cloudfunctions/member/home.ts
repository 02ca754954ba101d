import type { Output, ParsedInput } from '../../contract';
import { birthdayGiftOf } from '../core/benefits';
import { buildMemberHome } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { lotsOf, requireMember } from '../runtime/memberRepo';
import { placeNames } from '../services/places';
import { creditDailyVisit } from '../services/visits';
import { birthdayView } from './view';

/**
 * The member card in one call: the member (with its lots), the rules and whether the caller is store staff (for the
 * 门店工作台 entry), read in parallel: 3 requests, 2 when the rules are warm (the store list, for the benefits' terms, also kept warm); the first home of a Shanghai day also
 * counts the day's visit (a read, a transaction and a re-read, once a day).
 */
export async function home({ db, openid, now }: MemberContext<ParsedInput<'member', 'home'>>): Promise<Output<'member', 'home'>> {
  const [first, config, staff, places] = await Promise.all([
    requireMember(db, openid),
    loadConfig(db),
    db.collection('staff').where({ _id: openid, active: true }).field({ role: true, storeId: true }).get(),
    placeNames(db),
  ]);
  // The first home of a Shanghai day is the day's visit (growth.events.visit); the card then shows its growth.
  const member = (await creditDailyVisit(db, first, config, now)) ? await requireMember(db, openid) : first;
  const found = staff.data[0];
  return {
    ...buildMemberHome(member, lotsOf(member), config, now, places.formats),
    staff: found ? { role: found.role, storeId: found.storeId ?? null } : null,
    birthday: birthdayView(member.birthday),
    birthdayGift: birthdayGiftOf(member, config.tiers, now),
  };
}
