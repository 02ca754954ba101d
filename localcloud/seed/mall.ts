// Demo points-mall items of every kind, funded by the two demo stores' formats (mall, hotel). Inserted by seedDemo.
import type { MallItemDoc } from '../../cloudfunctions/core/documents';

const DAY = 86400000;

export function demoMallItems(now: Date): MallItemDoc[] {
  const base = { image: null, sold: 0, perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, saleStart: null, saleEnd: null, voucherValidDays: 30, active: true, createdAt: now, updatedAt: now };
  const mallStore = { format: 'mall', storeId: 'store-mall-01' };
  const hotelStore = { format: 'hotel', storeId: 'store-hotel-01' };
  return [
    { ...base, _id: 'coupon-20', sort: 10, name: '20 元无门槛代金券', kind: 'coupon', category: '优惠券', description: '星河广场任意门店消费可用，每次限用一张。', pointsPrice: 1000, faceValueFen: 2000, stock: 1000, perOrderLimit: 2, perMemberLimit: 5, fundedBy: { format: 'mall', storeId: null }, redeemAt: { formats: ['mall'] } },
    { ...base, _id: 'tumbler', sort: 20, name: '星河保温杯（到店自提）', kind: 'pickup', category: '实物好礼', description: '316 不锈钢保温杯 450ml，兑换后凭券到星河广场旗舰店服务台领取。', pointsPrice: 800, stock: 200, perMemberLimit: 2, fundedBy: mallStore },
    { ...base, _id: 'tote-bag', sort: 30, name: '星河帆布袋（包邮到家）', kind: 'shipping', category: '实物好礼', description: '环保帆布袋，兑换后 7 个工作日内发货。', pointsPrice: 500, stock: 100, perMemberLimit: 1, fundedBy: { format: 'mall', storeId: null } },
    { ...base, _id: 'hotel-breakfast', sort: 40, name: '星河酒店双人早餐券', kind: 'coupon', category: '优惠券', description: '星河酒店自助早餐两位，限酒店餐厅使用。', pointsPrice: 1500, faceValueFen: 17600, stock: 300, perMemberLimit: 4, fundedBy: hotelStore, voucherValidDays: 60 },
    { ...base, _id: 'gift-card-100', sort: 50, name: '100 元电子礼品卡', kind: 'giftCard', category: '礼品卡', description: '兑换后即得礼品卡卡号，可在星河广场与星河酒店使用。', pointsPrice: 5000, faceValueFen: 10000, stock: 100, perMemberLimit: 1, fundedBy: { format: 'mall', storeId: null } },
    { ...base, _id: 'plus-annual', sort: 60, name: '星河 PLUS 年卡（价值 500 元）', kind: 'membership', category: '会员权益', description: '一年内享免费停车、生日双倍积分、酒店延迟退房等 PLUS 权益。金牌会员及以上可兑。', pointsPrice: 10000, faceValueFen: 50000, stock: 50, perMemberLimit: 1, minTierLevel: 2, membershipMonths: 12, fundedBy: { format: 'mall', storeId: null } },
    { ...base, _id: 'vip-tasting-night', sort: 70, name: '金牌会员专属品鉴夜', kind: 'event', category: '会员权益', description: '星河酒店行政酒廊品鉴会入场名额一位，凭券入场。', pointsPrice: 2000, stock: 30, perMemberLimit: 1, minTierLevel: 2, fundedBy: hotelStore, voucherValidDays: 14 },
    { ...base, _id: 'spa-trial', sort: 80, name: '酒店水疗体验（即将开兑）', kind: 'pickup', category: '实物好礼', description: '星河酒店水疗中心 60 分钟体验。', pointsPrice: 3000, stock: 20, perMemberLimit: 1, saleStart: new Date(now.getTime() + 7 * DAY), fundedBy: hotelStore },
    { ...base, _id: 'umbrella', sort: 90, name: '晴雨两用伞', kind: 'pickup', category: '实物好礼', description: '已兑完，敬请期待补货。', pointsPrice: 600, stock: 0, sold: 80, perMemberLimit: 1, fundedBy: mallStore },
  ];
}
