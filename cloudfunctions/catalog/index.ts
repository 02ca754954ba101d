// The console's catalog actions, served by the admin function (see contract/consoleCatalog.ts): mall items and their
// stock, stores, activities, channels; one small file per entity.
import type { consoleCatalog as contract } from '../../../contract/consoleCatalog';
import { staffAction, staffWrite, type Action } from '../../runtime/handler';
import { listActivities, saveActivity } from './activities';
import { createChannel, listChannels, rotateChannelSecret } from './channels';
import { uploadItemImage } from './images';
import { listItems, saveItem, setItemPublished } from './items';
import { adjustStock } from './stock';
import { listStores, saveStore } from './stores';

export const catalogActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
  listItems: staffAction(listItems),
  saveItem: staffWrite(saveItem),
  // audited inside (the entry keeps the file id and size, not the bytes)
  uploadItemImage: staffAction(uploadItemImage),
  setItemPublished: staffWrite(setItemPublished),
  adjustStock: staffWrite(adjustStock),
  listStores: staffAction(listStores),
  saveStore: staffWrite(saveStore),
  listActivities: staffAction(listActivities),
  saveActivity: staffWrite(saveActivity),
  listChannels: staffAction(listChannels),
  createChannel: staffWrite(createChannel),
  rotateChannelSecret: staffWrite(rotateChannelSecret),
};
