// Catalog documents as the console shows them: every field an operator edits, its version and who saved it last.
import { displayImages } from '../services/itemImages';
import type { Output } from '../../contract';
import type { ActivityDoc, ChannelDoc, ConsoleVersion, StoreDoc, Stored } from '../core/documents';
import type { LoyaltyConfig } from '../core/config';
import { KIND_NAMES, type MallItem } from '../core/mall';
import { locationOf } from '../core/storeLocation';
import { tierByLevel } from '../core/tiers';
import { versionOf } from '../services/versioned';
import { fingerprint } from '../services/channelSecrets';
import type { MallItemDoc } from '../core/documents';
import { reviveItem } from '../services/redemptions';

type ItemView = Output<'catalog', 'listItems'>['items'][number];
type StoreView = Output<'catalog', 'listStores'>['items'][number];
type ActivityView = Output<'catalog', 'listActivities'>['items'][number];
type ChannelView = Output<'catalog', 'listChannels'>['items'][number];

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function lastWriteView(doc: Stored<ConsoleVersion>) {
  const w = doc.lastWrite;
  return w ? { byName: w.byName, at: new Date(w.at).toISOString(), fields: w.fields } : null;
}

export function saleState(item: MallItem, now: Date): ItemView['saleState'] {
  if (!item.active) return 'unpublished';
  if (item.saleStart && now < item.saleStart) return 'notStarted';
  if (item.saleEnd && now >= item.saleEnd) return 'ended';
  if (item.stock <= 0) return 'soldOut';
  return 'onSale';
}

export function itemView(doc: Stored<MallItemDoc>, config: LoyaltyConfig, now: Date, imageUrl: string | null): ItemView {
  const item = reviveItem(doc);
  return {
    itemId: item._id,
    kind: item.kind,
    kindName: KIND_NAMES[item.kind] ?? item.kind,
    name: item.name,
    category: item.category,
    description: item.description ?? '',
    image: item.image ?? null,
    imageUrl,
    pointsPrice: item.pointsPrice,
    faceValueFen: item.faceValueFen ?? null,
    membershipMonths: item.membershipMonths ?? null,
    stock: item.stock,
    sold: item.sold,
    perOrderLimit: item.perOrderLimit,
    perMemberLimit: item.perMemberLimit,
    minTierLevel: item.minTierLevel,
    minTierName: item.minTierLevel > 0 ? tierByLevel(item.minTierLevel, config.tiers).name : null,
    saleStart: iso(item.saleStart),
    saleEnd: iso(item.saleEnd),
    fundedBy: item.fundedBy,
    redeemAt: item.redeemAt ? { storeIds: item.redeemAt.storeIds ?? [], formats: item.redeemAt.formats ?? [] } : null,
    voucherValidDays: item.voucherValidDays,
    sort: item.sort,
    active: item.active,
    saleState: saleState(item, now),
    version: versionOf(doc),
    lastWrite: lastWriteView(doc),
    stockLog: [...(doc.stockLog ?? [])].reverse().map((a) => ({ delta: a.delta, reason: a.reason, byName: a.byName, at: new Date(a.at).toISOString(), stockAfter: a.stockAfter })),
  };
}

export function storeView(doc: Stored<StoreDoc>): StoreView {
  return {
    storeId: doc._id, name: doc.name, format: doc.format, formatName: doc.formatName ?? doc.format,
    address: doc.address || null, hours: doc.hours || null, phone: doc.phone || null, location: locationOf(doc.location),
    version: versionOf(doc), lastWrite: lastWriteView(doc as Stored<ConsoleVersion>),
  };
}

export function activityState(doc: Stored<ActivityDoc>, now: Date): ActivityView['state'] {
  if (!doc.active) return 'inactive';
  if (now.getTime() < new Date(doc.startAt).getTime()) return 'notStarted';
  if (now.getTime() > new Date(doc.endAt).getTime()) return 'ended';
  return 'running';
}

export function activityView(doc: Stored<ActivityDoc>, now: Date): ActivityView {
  return {
    activityId: doc._id, name: doc.name, storeIds: doc.storeIds ?? [], startAt: new Date(doc.startAt).toISOString(), endAt: new Date(doc.endAt).toISOString(),
    growth: typeof doc.growth === 'number' ? doc.growth : null, dailyCap: typeof doc.dailyCap === 'number' ? doc.dailyCap : null, active: doc.active !== false,
    state: activityState(doc, now), version: versionOf(doc), lastWrite: lastWriteView(doc),
  };
}

export function channelView(doc: Stored<ChannelDoc>, now: Date): ChannelView {
  const overlapping = !!doc.previousSecret && !!doc.previousSecretUntil && now < new Date(doc.previousSecretUntil);
  return {
    channelId: doc._id, name: doc.name, active: doc.active !== false, fingerprint: fingerprint(doc.secret),
    replayWindowSeconds: doc.replayWindowSeconds ?? 300,
    previousFingerprint: overlapping ? fingerprint(doc.previousSecret!) : null,
    previousSecretUntil: overlapping ? iso(doc.previousSecretUntil) : null,
    createdAt: iso(doc.createdAt), rotatedAt: iso(doc.rotatedAt), version: versionOf(doc), lastWrite: lastWriteView(doc),
  };
}

/** Items as the console shows them, with their images resolved as members get them (one batched call). */
export async function itemViews(docs: Stored<MallItemDoc>[], config: LoyaltyConfig, now: Date): Promise<ItemView[]> {
  const display = await displayImages(docs.map((d) => d.image), now);
  return docs.map((d) => itemView(d, config, now, display(d.image)));
}
