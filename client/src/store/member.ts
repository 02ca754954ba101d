// The member card: member.login once per app session (registers a new caller, binds an invite code), then member.home.
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { takeInviteInput } from '../services/invite';
import { createResource, field, idle, type Slot } from './resource';
import { onSessionReset } from './session';

export type MemberHome = Output<'member', 'home'>;
export type Wallet = Output<'mall', 'wallet'>;

/** What became of the invite code this session's member.login sent (null when it sent none). */
export type InviteOutcome = { bound: boolean; message: string } | null;

export interface MemberState {
  /** Said on the card once, so an invite code is never spent silently. */
  invite: InviteOutcome;
  /** The card (member.home); a login failure lands in its error too. */
  home: Slot<MemberHome>;
  /** 我的券包 on the card: unused vouchers (mall.wallet); the entry shows no count while it is missing. */
  wallet: Slot<Wallet>;
  /** member.login unless it already succeeded in this session, then member.home; concurrent calls share one request. */
  loadHome: () => Promise<void>;
  /** A fresh member.home (after the profile changed). */
  reloadHome: () => Promise<void>;
  /** The voucher count, after the card (a new member is registered by then). */
  loadWallet: () => Promise<void>;
  /** Forget everything (h5 identity switch); answers still on their way are dropped. */
  reset: () => void;
}

const outcomeOf = (invite: NonNullable<Output<'member', 'login'>['invite']>): InviteOutcome =>
  invite.bound ? { bound: true, message: `已通过好友邀请注册，获得 ${invite.welcomePoints} 积分` } : { bound: false, message: `邀请码未使用：${invite.message}` };

export function createMemberStore(call: CallFn, inviteInput: () => { inviteCode?: string } = takeInviteInput) {
  return createStore<MemberState>()((set, _get, api) => {
    let session: Promise<unknown> | null = null;
    const login = () => {
      if (!session) {
        const attempt: Promise<unknown> = call('member', 'login', inviteInput()).then(
          (answer) => {
            if (session === attempt && answer.invite) set({ invite: outcomeOf(answer.invite) });
            return answer;
          },
          (err: unknown) => {
            if (session === attempt) session = null; // a failed login is tried again by the next load
            throw err;
          },
        );
        session = attempt;
      }
      return session;
    };
    const home = createResource(field(api, 'home'), () => login().then(() => call('member', 'home')));
    const wallet = createResource(field(api, 'wallet'), () => login().then(() => call('mall', 'wallet')));
    return {
      invite: null,
      home: idle(),
      wallet: idle(),
      loadHome: () => home.load(),
      reloadHome: home.reload,
      loadWallet: () => wallet.load(),
      reset() {
        session = null;
        set({ invite: null });
        home.reset();
        wallet.reset();
      },
    };
  });
}

export const memberStore = createMemberStore(cloudCall);
onSessionReset(() => memberStore.getState().reset());
