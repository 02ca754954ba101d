import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { mallStateOf, spendableOf } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { loadConfig } from '../runtime/configStore';
import type { MemberContext } from '../runtime/handler';
import { lotsOf, requireMember } from '../runtime/memberRepo';
import { reviveItem } from '../services/redemptions';
import { checkItem, itemView } from './catalog';
import { displayImages } from '../services/itemImages';

/** The mall: categories and the items on sale, each with whether the caller can redeem it and why not. */
export async function list({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'list'>>): Promise<Output<'mall', 'list'>> {
  const [member, config, items] = await Promise.all([
    requireMember(db, openid),
    loadConfig(db),
    db.collection('mall_items').where({ active: true }).orderBy('sort', 'asc').limit(200).get(),
  ]);
  const spendable = spendableOf(pointsStateOf(member, lotsOf(member)), now);
  const mall = mallStateOf(member);
  const all = items.data.map(reviveItem).filter((i) => !i.saleEnd || now < i.saleEnd);
  const categories = [...new Set(all.map((i) => i.category))];
  const shown = input.category ? all.filter((i) => i.category === input.category) : all;
  const image = await displayImages(shown.map((i) => i.image), now);
  return {
    member: { tierLevel: member.tierLevel, spendable },
    categories,
    items: shown.map((i) => itemView(i, checkItem(i, member, spendable, mall.redeemed[i._id] ?? 0, now, config), config, image(i.image))),
  };
}

export async function detail({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'detail'>>): Promise<Output<'mall', 'detail'>> {
  const [member, config, found] = await Promise.all([
    requireMember(db, openid),
    loadConfig(db),
    db.collection('mall_items').where({ _id: input.itemId }).get(),
  ]);
  if (!found.data[0]) throw new AppError('NOT_FOUND', '商品不存在');
  const item = reviveItem(found.data[0]);
  const spendable = spendableOf(pointsStateOf(member, lotsOf(member)), now);
  const redeemed = mallStateOf(member).redeemed[item._id] ?? 0;
  const image = await displayImages([item.image], now);
  return {
    ...itemView(item, checkItem(item, member, spendable, redeemed, now, config), config, image(item.image)),
    member: { tierLevel: member.tierLevel, spendable, redeemed },
    perOrderLimit: item.perOrderLimit,
    perMemberLimit: item.perMemberLimit,
    saleStart: item.saleStart?.toISOString() ?? null,
    saleEnd: item.saleEnd?.toISOString() ?? null,
    voucherValidDays: item.voucherValidDays,
    membershipMonths: item.membershipMonths ?? null,
    memberCancelMinutes: config.mall.memberCancelMinutes,
  };
}
