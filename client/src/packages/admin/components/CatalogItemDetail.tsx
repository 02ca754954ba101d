// One item in the console: what a member sees, every field, who changed it last; for operators and admins also
// 上架/下架, 编辑 and 调整库存 (with a reason; never below zero), and the latest adjustments.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { itemsStore, useItems, type ConsoleItem } from '../catalog-items-store';
import { shanghaiText, yuanText } from '../catalog-format';
import CatalogItemPreview from './CatalogItemPreview';

const SALE_STATES: Record<ConsoleItem['saleState'], string> = { onSale: '兑换中', notStarted: '未开始', ended: '已结束', soldOut: '已兑完', unpublished: '未上架' };

export const saleStateName = (s: ConsoleItem['saleState']) => SALE_STATES[s];

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='console-row'>
      <Text className='console-cell'>{label}</Text>
      <Text className='console-cell console-cell--wide'>{value}</Text>
    </View>
  );
}

export default function CatalogItemDetail({ item, canEdit, formatNames = {}, storeNames = {} }: { item: ConsoleItem; canEdit: boolean; formatNames?: Record<string, string>; storeNames?: Record<string, string> }) {
  const publish = useItems((s) => s.publish);
  const stock = useItems((s) => s.stock);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');

  const adjust = async () => {
    const n = /^[+-]?\d+$/.test(delta.trim()) ? Number(delta.trim()) : NaN;
    if (!Number.isFinite(n) || n === 0) return void Taro.showToast({ title: '请输入非零整数，如 +20 或 -5', icon: 'none' });
    if (await itemsStore.getState().adjustStock(item.itemId, n, reason.trim())) {
      setDelta('');
      setReason('');
    }
  };

  return (
    <View className='console-card catalog-item-detail' data-item={item.itemId}>
      <Text className='console-card__title'>{item.name}</Text>
      <Text className='console-card__meta'>
        {item.kindName} · {SALE_STATES[item.saleState]} · 版本 {item.version}{item.lastWrite ? ` · ${item.lastWrite.byName} 于 ${shanghaiText(item.lastWrite.at)} 修改` : ''}
      </Text>
      <CatalogItemPreview item={item} />
      <View className='console-table'>
        <Row label='分类' value={item.category} />
        <Row label='所需积分' value={String(item.pointsPrice)} />
        {item.faceValueFen !== null && <Row label='面值' value={`¥${yuanText(item.faceValueFen)}`} />}
        {item.membershipMonths !== null && <Row label='会员月数' value={String(item.membershipMonths)} />}
        <Row label='库存 / 已兑' value={`${item.stock} / ${item.sold}`} />
        <Row label='每单 / 每人限兑' value={`${item.perOrderLimit || '不限'} / ${item.perMemberLimit || '不限'}`} />
        <Row label='最低等级' value={item.minTierName ?? '所有会员'} />
        <Row label='兑换时间' value={item.saleStart || item.saleEnd ? `${item.saleStart ? shanghaiText(item.saleStart) : '即日'} 至 ${item.saleEnd ? shanghaiText(item.saleEnd) : '长期'}` : '不限'} />
        <Row label='出资方' value={`${formatNames[item.fundedBy.format] ?? item.fundedBy.format}${item.fundedBy.storeId ? ` · ${storeNames[item.fundedBy.storeId] ?? item.fundedBy.storeId}` : ''}`} />
        <Row label='券有效天数' value={String(item.voucherValidDays)} />
        <Row label='排序' value={String(item.sort)} />
      </View>
      {canEdit && (
        <View className='console-actions'>
          <View className={`console-button catalog-publish${item.active ? ' console-button--danger' : ''}`} onClick={() => void itemsStore.getState().setPublished(item, !item.active)}>
            {publish.busy ? '提交中…' : item.active ? '下架' : '上架'}
          </View>
          <View className='console-button console-button--ghost catalog-edit' onClick={() => void Taro.navigateTo({ url: `/packages/admin/item/index?itemId=${encodeURIComponent(item.itemId)}` })}>编辑</View>
        </View>
      )}
      {publish.error && <Text className='console-error catalog-publish-error'>{publish.error.message}</Text>}
      {canEdit && (
        <View className='console-field'>
          <Text className='console-field__label'>调整库存</Text>
          <Input className='console-input catalog-stock-delta' placeholder='变动数量，如 +20 或 -5' value={delta} onInput={(e) => setDelta(e.detail.value)} />
          <Input className='console-input catalog-stock-reason' placeholder='原因（必填，如 补货到店）' value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
          <View className='console-button catalog-stock-submit' onClick={() => void adjust()}>{stock.busy ? '提交中…' : stock.error ? '重试' : '确认调整'}</View>
          {stock.result && <Text className='console-ok catalog-stock-ok'>{stock.result.replayed ? '该调整已提交过' : '已调整'}：当前库存 {stock.result.item.stock}</Text>}
          {stock.error && <Text className='console-error catalog-stock-error'>{stock.error.message}</Text>}
        </View>
      )}
      {item.stockLog.length > 0 && (
        <View className='catalog-log'>
          <Text className='console-field__label'>最近库存调整</Text>
          {item.stockLog.slice(0, 5).map((a) => (
            <Text key={`${a.at}${a.delta}`}>{shanghaiText(a.at)} {a.byName} {a.delta > 0 ? `+${a.delta}` : a.delta}（{a.reason}）→ {a.stockAfter}</Text>
          ))}
        </View>
      )}
    </View>
  );
}
