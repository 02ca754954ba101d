// 渠道 in the console (admins): the list with fingerprints, creating a channel, rotating its secret, stopping it. The secret of
// the last creation or rotation is kept in `revealed` until the admin closes it (or the page resets): the server never
// shows it again.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { consoleCatalog } from '../../../../contract/consoleCatalog';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ConsoleChannel = Output<'catalog', 'listChannels'>['items'][number];
type WithSecret = Output<'catalog', 'createChannel'>;

export interface ChannelsState {
  list: Slot<Output<'catalog', 'listChannels'>>;
  write: ActionSlot<WithSecret>;
  toggle: ActionSlot<Output<'catalog', 'setChannelActive'>>;
  /** The secret just made: shown once. */
  revealed: { channelId: string; secret: string; rotated: boolean } | null;
  load: () => Promise<void>;
  create: (channelId: string, channelName: string) => Promise<boolean>;
  rotate: (channel: ConsoleChannel, overlapHours: number) => Promise<boolean>;
  /** 停用 / 启用 with a reason; the list reloads after. */
  setActive: (channel: ConsoleChannel, active: boolean, reason: string) => Promise<boolean>;
  dismiss: () => void;
  reset: () => void;
}

export function createChannelsStore(call: CallFn) {
  return createStore<ChannelsState>()((set, _get, api) => {
    const list = createResource(field(api, 'list'), () => call('catalog', 'listChannels'));
    const write = createAction(field(api, 'write'), { fresh: true });
    const toggle = createAction(field(api, 'toggle'), { fresh: true });
    const ids = createRequestIds();
    const reveal = (done: WithSecret | null, rotated: boolean) => {
      if (!done) return false;
      set({ revealed: { channelId: done.channel.channelId, secret: done.secret, rotated } });
      void list.reload();
      return true;
    };
    return {
      list: idle(),
      write: ready(),
      toggle: ready(),
      revealed: null,
      load: () => list.load(),
      async create(channelId, channelName) {
        const input = { channelId, channelName, requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.createChannel.input, input);
        if (problem) return reveal(await write.run(() => Promise.reject(problem)), false);
        return reveal(await write.run(() => ids.send(`create:${channelId}:${channelName}`, (requestId) => call('catalog', 'createChannel', { ...input, requestId }))), false);
      },
      async rotate(channel, overlapHours) {
        const input = { channelId: channel.channelId, expectedVersion: channel.version, overlapHours };
        const key = `rotate:${channel.channelId}:${channel.version}:${overlapHours}`;
        return reveal(await write.run(() => ids.send(key, (requestId) => call('catalog', 'rotateChannelSecret', { ...input, requestId }))), true);
      },
      async setActive(channel, active, reason) {
        const input = { channelId: channel.channelId, active, reason: reason.trim(), expectedVersion: channel.version, requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.setChannelActive.input, input);
        const key = `active:${channel.channelId}:${channel.version}:${active}`;
        const done = await toggle.run(() => (problem ? Promise.reject(problem) : ids.send(key, (requestId) => call('catalog', 'setChannelActive', { ...input, requestId }))));
        if (!done) return false;
        void list.reload();
        return true;
      },
      dismiss: () => set({ revealed: null }),
      reset() {
        list.reset();
        write.reset();
        toggle.reset();
        ids.reset();
        set({ revealed: null });
      },
    };
  });
}

export const channelsStore = createChannelsStore(cloudCall);
onSessionReset(() => channelsStore.getState().reset());

export function useChannels<T>(selector: (state: ChannelsState) => T): T {
  return useStore(channelsStore, selector);
}
