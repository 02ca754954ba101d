// The form of a mall item: every field, as text while typing; `toFields` turns it into the contract's item (numbers,
// fen, Shanghai times), whose own schema then names any problem in Chinese before it is sent.
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import type { ConsoleItem, ItemFields, Tier } from '../catalog-items-store';
import { fenOf, fromLocalInput, intOf, toLocalInput, yuanText } from '../catalog-format';
import type { ConsoleStore } from '../catalog-places-store';

export const KINDS: Array<{ kind: ItemFields['kind']; name: string }> = [
  { kind: 'coupon', name: '优惠券' }, { kind: 'pickup', name: '到店自提' }, { kind: 'shipping', name: '快递到家' },
  { kind: 'giftCard', name: '礼品卡' }, { kind: 'membership', name: '付费会员' }, { kind: 'event', name: '活动名额' },
];
const FACE_VALUE_KINDS = ['coupon', 'giftCard', 'membership'];
const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export interface ItemDraft {
  kind: ItemFields['kind'];
  name: string; category: string; description: string; image: string;
  pointsPrice: string; faceValue: string; membershipMonths: string; stock: string;
  perOrderLimit: string; perMemberLimit: string; minTierLevel: string;
  saleStart: string; saleEnd: string; format: string; storeId: string; voucherValidDays: string; sort: string;
  /** Where vouchers may be written off; both empty = the default (the funding store, else the funding format). */
  redeemStoreIds: string[]; redeemFormats: string[];
}

export const emptyDraft = (format = ''): ItemDraft => ({
  kind: 'coupon', name: '', category: '', description: '', image: '', pointsPrice: '', faceValue: '', membershipMonths: '', stock: '0',
  perOrderLimit: '0', perMemberLimit: '0', minTierLevel: '0', saleStart: '', saleEnd: '', format, storeId: '', voucherValidDays: '30', sort: '100',
  redeemStoreIds: [], redeemFormats: [],
});

export const draftOf = (i: ConsoleItem): ItemDraft => ({
  kind: i.kind, name: i.name, category: i.category, description: i.description, image: i.image ?? '', pointsPrice: String(i.pointsPrice),
  faceValue: yuanText(i.faceValueFen), membershipMonths: i.membershipMonths === null ? '' : String(i.membershipMonths), stock: String(i.stock),
  perOrderLimit: String(i.perOrderLimit), perMemberLimit: String(i.perMemberLimit), minTierLevel: String(i.minTierLevel),
  saleStart: toLocalInput(i.saleStart), saleEnd: toLocalInput(i.saleEnd), format: i.fundedBy.format, storeId: i.fundedBy.storeId ?? '',
  voucherValidDays: String(i.voucherValidDays), sort: String(i.sort),
  redeemStoreIds: i.redeemAt?.storeIds ?? [], redeemFormats: i.redeemAt?.formats ?? [],
});

/** The contract's item from the form. */
export function toFields(d: ItemDraft): ItemFields {
  const face = FACE_VALUE_KINDS.includes(d.kind) ? fenOf(d.faceValue) : undefined;
  return {
    kind: d.kind, name: d.name.trim(), category: d.category.trim(), description: d.description.trim(),
    ...(d.image.trim() ? { image: d.image.trim() } : {}),
    pointsPrice: intOf(d.pointsPrice),
    ...(face === undefined ? {} : { faceValueFen: face }),
    ...(d.kind === 'membership' && d.membershipMonths.trim() ? { membershipMonths: intOf(d.membershipMonths) } : {}),
    perOrderLimit: intOf(d.perOrderLimit), perMemberLimit: intOf(d.perMemberLimit), minTierLevel: intOf(d.minTierLevel),
    ...(fromLocalInput(d.saleStart) ? { saleStart: fromLocalInput(d.saleStart) } : {}),
    ...(fromLocalInput(d.saleEnd) ? { saleEnd: fromLocalInput(d.saleEnd) } : {}),
    fundedBy: { format: d.format, ...(d.storeId ? { storeId: d.storeId } : {}) },
    ...(d.redeemStoreIds.length || d.redeemFormats.length ? { redeemAt: { storeIds: d.redeemStoreIds, formats: d.redeemFormats } } : {}),
    voucherValidDays: intOf(d.voucherValidDays), sort: intOf(d.sort),
  };
}

interface Props {
  draft: ItemDraft;
  onChange: (patch: Partial<ItemDraft>) => void;
  formats: Array<{ format: string; formatName: string }>;
  stores: ConsoleStore[];
  tiers: Tier[];
  /** A new item: its initial stock is typed here (later: 调整库存). */
  creating: boolean;
  /** 上传图片: picks an image and uploads it (the page puts the file id in `image`). */
  onUploadImage?: () => void;
  uploading?: boolean;
  uploadError?: string | null;
  /** A local URL of the image just uploaded, shown until the page is left. */
  uploadedPreview?: string | null;
}

function Field({ label, help, wide, children }: { label: string; help?: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <View className={`console-field${wide ? ' console-field--wide' : ''}`}>
      <Text className='console-field__label'>{label}</Text>
      {children}
      {help && <Text className='console-field__help'>{help}</Text>}
    </View>
  );
}

export default function CatalogItemForm({ draft, onChange, formats, stores, tiers, creating, onUploadImage, uploading, uploadError, uploadedPreview }: Props) {
  const text = (key: Exclude<keyof ItemDraft, 'kind' | 'redeemStoreIds' | 'redeemFormats'>, placeholder = '') => (
    <Input className={`console-input catalog-input-${key}`} placeholder={placeholder} value={draft[key]} onInput={(e) => onChange({ [key]: e.detail.value })} />
  );
  const formatStores = stores.filter((s) => s.format === draft.format);
  return (
    <View className='catalog-form'>
      <Field label='类型' wide>
        <View className='catalog-chips catalog-kinds'>
          {KINDS.map((k) => (
            <Text key={k.kind} className={`catalog-chip${draft.kind === k.kind ? ' catalog-chip--active' : ''}`} data-kind={k.kind} onClick={() => onChange({ kind: k.kind })}>{k.name}</Text>
          ))}
        </View>
      </Field>
      <Field label='名称'>{text('name', '如 30 元代金券')}</Field>
      <Field label='分类'>{text('category', '如 优惠券、实物好礼')}</Field>
      <Field label='介绍' wide>
        <Textarea className='console-input catalog-textarea catalog-input-description' value={draft.description} maxlength={500} placeholder='会员在商品详情看到的说明' onInput={(e) => onChange({ description: e.detail.value })} />
      </Field>
      <Field label='图片' help='上传 PNG、JPEG 或 WebP 图片（过大的图片会自动压缩），或填 https:// 开头的图片地址、云存储文件 ID（cloud://）；可不填' wide>
        {text('image', 'https://… 或 cloud://…')}
        {onUploadImage && (
          <View className='catalog-image-upload'>
            <View className={`console-button console-button--ghost catalog-upload-image${uploading ? ' console-button--busy' : ''}`} onClick={() => !uploading && onUploadImage()}>{uploading ? '上传中…' : '上传图片'}</View>
            {uploadedPreview && <Image className='catalog-image-upload__thumb' src={uploadedPreview} mode='aspectFill' />}
            {uploadedPreview && !uploading && <Text className='console-ok catalog-upload-ok'>已上传，保存后生效</Text>}
            {uploadError && <Text className='console-error catalog-upload-error'>{uploadError}</Text>}
          </View>
        )}
      </Field>
      <Field label='所需积分'>{text('pointsPrice', '如 300')}</Field>
      {FACE_VALUE_KINDS.includes(draft.kind) && <Field label='面值（元）' help={draft.kind === 'giftCard' ? '礼品卡必填' : '可不填'}>{text('faceValue', '如 30')}</Field>}
      {draft.kind === 'membership' && <Field label='会员月数' help='默认 12 个月'>{text('membershipMonths', '12')}</Field>}
      {creating && <Field label='初始库存' help='创建后请用“调整库存”增减'>{text('stock', '0')}</Field>}
      <Field label='每单限兑' help='0 = 不限'>{text('perOrderLimit', '0')}</Field>
      <Field label='每人限兑' help='0 = 不限'>{text('perMemberLimit', '0')}</Field>
      <Field label='最低等级' help='该等级及以上的会员可兑换' wide>
        <View className='catalog-chips catalog-tiers'>
          {[{ level: 0, name: '所有会员' }, ...tiers.filter((t) => t.level > 0)].map((t) => (
            <Text key={t.level} className={`catalog-chip${draft.minTierLevel === String(t.level) ? ' catalog-chip--active' : ''}`} data-level={t.level} onClick={() => onChange({ minTierLevel: String(t.level) })}>{t.name}</Text>
          ))}
        </View>
      </Field>
      <Field label='开始兑换' help='北京时间，如 2027-01-01 10:00；不填 = 立即'>{text('saleStart', 'YYYY-MM-DD HH:mm')}</Field>
      <Field label='结束兑换' help='不填 = 长期'>{text('saleEnd', 'YYYY-MM-DD HH:mm')}</Field>
      <Field label='出资业态' help='积分结算时由该业态承担' wide>
        <View className='catalog-chips catalog-formats'>
          {formats.map((f) => (
            <Text key={f.format} className={`catalog-chip${draft.format === f.format ? ' catalog-chip--active' : ''}`} data-format={f.format} onClick={() => onChange({ format: f.format, storeId: '' })}>{f.formatName}</Text>
          ))}
        </View>
      </Field>
      <Field label='出资门店' help='不选 = 整个业态出资；券在该门店核销' wide>
        <View className='catalog-chips catalog-stores'>
          <Text className={`catalog-chip${draft.storeId === '' ? ' catalog-chip--active' : ''}`} data-store='' onClick={() => onChange({ storeId: '' })}>不限门店</Text>
          {formatStores.map((s) => (
            <Text key={s.storeId} className={`catalog-chip${draft.storeId === s.storeId ? ' catalog-chip--active' : ''}`} data-store={s.storeId} onClick={() => onChange({ storeId: s.storeId })}>{s.name}</Text>
          ))}
        </View>
      </Field>
      <Field label='核销范围' help='券可在这些门店或业态核销；都不选 = 出资门店，未指定门店时为出资业态' wide>
        <View className='catalog-chips catalog-redeem'>
          {formats.map((f) => (
            <Text key={`f:${f.format}`} className={`catalog-chip${draft.redeemFormats.includes(f.format) ? ' catalog-chip--active' : ''}`} data-redeem-format={f.format} onClick={() => onChange({ redeemFormats: toggle(draft.redeemFormats, f.format) })}>{f.formatName}（全部门店）</Text>
          ))}
          {stores.map((st) => (
            <Text key={`s:${st.storeId}`} className={`catalog-chip${draft.redeemStoreIds.includes(st.storeId) ? ' catalog-chip--active' : ''}`} data-redeem-store={st.storeId} onClick={() => onChange({ redeemStoreIds: toggle(draft.redeemStoreIds, st.storeId) })}>{st.name}</Text>
          ))}
        </View>
      </Field>
      <Field label='券有效天数' help='自兑换当天起'>{text('voucherValidDays', '30')}</Field>
      <Field label='排序' help='数字小的排在前面'>{text('sort', '100')}</Field>
    </View>
  );
}
