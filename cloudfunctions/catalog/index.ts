// The console's catalog (contract/consoleCatalog.ts): mall items and their stock, stores, activities, channels; one
// small file per entity. Its own function beside `admin`, so neither bundle carries the other's code.
import { consoleCatalog } from '../../contract/consoleCatalog';
import { defineFunction, staffAction, staffWrite } from '../runtime/handler';
import { listActivities, saveActivity } from './activities';
import { createChannel, listChannels, rotateChannelSecret, setChannelActive } from './channels';
import { uploadItemImage } from './images';
import { listItems, saveItem, setItemPublished } from './items';
import { adjustStock } from './stock';
import { listStores, saveStore } from './stores';
import { unclaimedOrders } from './unclaimedOrders';
import { stageTransitions } from './stageTransitions';

export const main = defineFunction({
  name: 'catalog',
  contract: consoleCatalog,
  actions: {
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
    setChannelActive: staffWrite(setChannelActive),
    unclaimedOrders: staffAction(unclaimedOrders),
    stageTransitions: staffAction(stageTransitions),
  },
});
