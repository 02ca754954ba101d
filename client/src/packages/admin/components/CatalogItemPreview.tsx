// What a member sees of an item in the mall (its card in 积分商城), from the console's view of it or a draft.
import { Image, Text, View } from '@tarojs/components';
import { formatNumber } from '../../../utils/format';

export interface PreviewItem {
  kindName: string;
  name: string;
  /** What the member's screen loads (a temporary URL for a cloud:// image, a just-uploaded file's preview), or null. */
  imageUrl: string | null;
  pointsPrice: number;
  faceValueFen: number | null;
  stock: number;
  minTierName: string | null;
  description: string;
  saleState: 'onSale' | 'notStarted' | 'ended' | 'soldOut' | 'unpublished';
}

const STATE_TEXT: Record<PreviewItem['saleState'], string | null> = {
  onSale: null, notStarted: '未到兑换时间', ended: '兑换已结束', soldOut: '已兑完', unpublished: '未上架：会员暂看不到',
};

export default function CatalogItemPreview({ item }: { item: PreviewItem }) {
  const reason = STATE_TEXT[item.saleState];
  return (
    <View>
      <Text className='catalog-preview__caption'>会员看到的样子</Text>
      <View className='catalog-preview'>
        {item.imageUrl ? <Image className='catalog-preview__image' src={item.imageUrl} mode='aspectFill' /> : <View className='catalog-preview__badge'>{item.kindName}</View>}
        <View className='catalog-preview__main'>
          <Text className='catalog-preview__name'>{item.name || '（未命名）'}</Text>
          <Text className='catalog-preview__price'>{formatNumber(item.pointsPrice)} 积分</Text>
          <Text className='catalog-preview__meta'>
            {item.faceValueFen ? `面值 ¥${(item.faceValueFen / 100).toFixed(item.faceValueFen % 100 ? 2 : 0)} · ` : ''}{item.minTierName ? `${item.minTierName}及以上 · ` : ''}库存 {item.stock}
          </Text>
          {item.description ? <Text className='catalog-preview__meta'>{item.description}</Text> : null}
          {reason ? <Text className='catalog-preview__reason'>{reason}</Text> : <Text className='catalog-preview__ok'>可兑换</Text>}
        </View>
      </View>
    </View>
  );
}
