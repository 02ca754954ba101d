// 编辑商品 / 新建商品: every field of a mall item beside a live preview of what a member will see. Saved once per
// confirmation; a save from a stale version shows who changed the item meanwhile (刷新 loads their version).
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import CatalogItemForm, { KINDS, draftOf, emptyDraft, toFields, type ItemDraft } from '../components/CatalogItemForm';
import CatalogItemPreview from '../components/CatalogItemPreview';
import { itemEditorStore, itemsStore, useItemEditor } from '../catalog-items-store';
import { intOf } from '../catalog-format';
import { placesStore, usePlaces } from '../catalog-places-store';
import '../catalog.scss';
import './item.scss';

const URL = '/packages/admin/item/index';

export default function ConsoleItem() {
  const { params } = useRouter();
  const itemId = params.itemId ? decodeURIComponent(params.itemId) : null;
  const { data: item, status, error } = useItemEditor((s) => s.item);
  const save = useItemEditor((s) => s.save);
  const upload = useItemEditor((s) => s.image);
  const tiers = useItemEditor((s) => s.tiers);
  const stores = usePlaces((s) => s.stores.data);
  const [draft, setDraft] = useState<ItemDraft>(emptyDraft());

  useEffect(() => {
    void itemEditorStore.getState().open(itemId);
    void placesStore.getState().loadStores();
  }, [itemId]);
  useEffect(() => {
    if (item) setDraft(draftOf(item));
  }, [item?.itemId, item?.version]);
  useEffect(() => {
    if (!itemId && stores && !draft.format && stores.formats[0]) setDraft((d) => ({ ...d, format: stores.formats[0].format }));
  }, [stores, itemId]);

  const creating = !itemId;
  const submit = async () => {
    const saved = await itemEditorStore.getState().submit(toFields(draft), creating ? intOf(draft.stock) : undefined);
    if (saved) {
      itemsStore.getState().select(saved.itemId);
      if (creating) void Taro.redirectTo({ url: `${URL}?itemId=${encodeURIComponent(saved.itemId)}` });
    }
  };
  const reload = () => void itemEditorStore.getState().open(itemId);
  // 上传图片: Taro.chooseMedia (in H5 a file input), then the upload; its cloud:// id goes in the draft, saved with it.
  const pickImage = async () => {
    let picked;
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
      picked = res.tempFiles[0] as (typeof res.tempFiles)[number] & { originalFileObj?: Blob & { name?: string } };
    } catch {
      return; // cancelled
    }
    if (!picked) return;
    const uploaded = await itemEditorStore.getState().uploadImage({ tempFilePath: picked.tempFilePath, size: picked.size, file: picked.originalFileObj });
    if (uploaded) setDraft((d) => ({ ...d, image: uploaded.fileId }));
  };
  const uploadedPreview = upload.result && upload.result.fileId === draft.image.trim() ? upload.result.previewUrl : null;
  const kindName = KINDS.find((k) => k.kind === draft.kind)?.name ?? '';
  const image = draft.image.trim();
  const imageUrl = uploadedPreview ?? (item && image === item.image ? item.imageUrl : /^https:\/\//.test(image) ? image : null);
  const preview = {
    kindName, name: draft.name, imageUrl, pointsPrice: Number(draft.pointsPrice) || 0,
    faceValueFen: draft.faceValue ? Math.round(Number(draft.faceValue) * 100) || null : null, stock: Number(draft.stock) || 0,
    minTierName: Number(draft.minTierLevel) > 0 ? tiers.find((t) => String(t.level) === draft.minTierLevel)?.name ?? `等级 ${draft.minTierLevel}` : null, description: draft.description,
    saleState: item ? item.saleState : ('unpublished' as const),
  };

  return (
    <ConsoleShell current={URL} title={creating ? '新建商品' : '编辑商品'}>
      <View className='console-split'>
        <View className='console-split__list console-card catalog-editor'>
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {item && <Text className='console-card__meta catalog-editor__version'>版本 {item.version}{item.lastWrite ? ` · 最后由 ${item.lastWrite.byName} 修改` : ''} · {item.active ? '已上架' : '未上架'}</Text>}
          {(creating || item) && (
            <CatalogItemForm draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} formats={stores?.formats ?? []} stores={stores?.items ?? []} tiers={tiers} creating={creating}
              onUploadImage={() => void pickImage()} uploading={upload.busy} uploadError={upload.error?.message ?? null} uploadedPreview={uploadedPreview} />
          )}
          <View className='console-actions'>
            <View className='console-button catalog-save' onClick={() => void submit()}>{save.busy ? '保存中…' : save.error && ['NETWORK', 'UNKNOWN', 'INTERNAL', 'CONFLICT'].includes(save.error.code) ? '重试' : creating ? '创建商品' : '保存'}</View>
            <View className='console-button console-button--ghost catalog-back' onClick={() => void Taro.redirectTo({ url: '/packages/admin/items/index' })}>返回列表</View>
          </View>
          {save.result && <Text className='console-ok catalog-save-ok'>{save.result.replayed ? '已保存过' : '已保存'}（版本 {save.result.item.version}）{save.result.item.active ? '' : '，上架后会员可见'}</Text>}
          {save.error && (
            <View className='console-error catalog-save-error'>
              <Text>{save.error.message}</Text>
              {save.error.code === 'STALE_VERSION' && <Text className='catalog-link catalog-reload' onClick={reload}>  刷新</Text>}
            </View>
          )}
        </View>
        <View className='console-split__detail'>
          <CatalogItemPreview item={preview} />
        </View>
      </View>
    </ConsoleShell>
  );
}
