// Profile editing (编辑资料): upload a picked avatar to cloud storage, then member.updateProfile, then refresh the
// member card; and 绑定手机号 through member.bindPhone (weapp: the getPhoneNumber button's one-time code; h5 demo: the
// typed number, which the local cloud accepts as a code). Framework-free; the page uses it through useProfile.
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { member as memberContract } from '../../../../contract/member';
import { inputProblem } from '../../services/check';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { uploadFile, type UploadFn } from '../../services/upload';
import type { StoreError } from '../../store/errors';
import { memberStore } from '../../store/member';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { field } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import type { BirthdayDraft, ProfileDraft } from './types';

/** The getPhoneNumber button answers without a code when the user declines. */
export const PHONE_CANCELLED: StoreError = { code: 'CANCELLED', message: '已取消授权' };

export type ProfileMember = Output<'member', 'updateProfile'>['member'];

export interface ProfileState {
  /** Saving the form: busy, its error; `result` is the updated member. */
  update: ActionSlot<ProfileMember>;
  /** Resolves with the updated member, or null when it failed (see update.error) or a save is running. */
  save: (draft: ProfileDraft) => Promise<ProfileMember | null>;
  /** Binding the phone: busy, its error; `result.phone` is the masked number of the last successful bind in this session (member.home does not return it). */
  phoneBinding: ActionSlot<Output<'member', 'bindPhone'>>;
  /** Resolves with the masked number, or null when there was no code, it failed (see phoneBinding.error) or a bind is running. */
  bindPhone: (code: string | undefined) => Promise<string | null>;
  /** Setting the birthday (once; later changes through staff): busy, its error, the birthday saved. */
  birthday: ActionSlot<Output<'member', 'updateProfile'>['birthday']>;
  /** Resolves true when saved (the card is refreshed: it shows the birthday gift), false when refused or failed. */
  setBirthday: (birthday: BirthdayDraft) => Promise<boolean>;
  /** The member edits the birthday again: forget its last refusal. */
  editBirthday: () => void;
  /** The page opens: forget the form's errors, keep the bound number. */
  enter: () => void;
  /** A new session (identity switch): forget everything, and ignore answers of calls still under way. */
  reset: () => void;
}

export function createProfileStore(call: CallFn, upload: UploadFn, afterSave: () => Promise<void>) {
  // A retry after a rejected nickname reuses the avatar already uploaded.
  let uploaded: { file: string; fileID: string } | null = null;

  return createStore<ProfileState>()((set, get, api) => {
    const update = createAction(field(api, 'update'));
    const phoneBinding = createAction(field(api, 'phoneBinding'));
    const birthday = createAction(field(api, 'birthday'));
    return {
      update: ready(),
      phoneBinding: ready(),
      birthday: ready(),

      async setBirthday(draft) {
        const saved = await birthday.run(async () => {
          const input: Input<'member', 'updateProfile'> = { birthday: draft };
          // The contract's rules first: 4 月 31 日 never leaves the phone.
          const problem = inputProblem(memberContract.updateProfile.input, input);
          if (problem) throw problem;
          return (await call('member', 'updateProfile', input)).birthday;
        });
        if (saved) await afterSave();
        return saved !== null;
      },

      editBirthday: () => birthday.clearError(),

      save: (draft) => update.run(async () => {
        const input: Input<'member', 'updateProfile'> = { nickname: draft.nickname };
        // The contract's rules first (a picked avatar becomes a cloud:// file id, checked by the upload instead).
        const problem = inputProblem(memberContract.updateProfile.input, draft.avatarFile ? input : { ...input, avatarUrl: draft.avatarUrl || undefined });
        if (problem) throw problem;
        if (draft.avatarFile) {
          if (uploaded?.file !== draft.avatarFile) {
            uploaded = { file: draft.avatarFile, fileID: await upload(draft.avatarFile, 'avatars') };
          }
          input.avatarUrl = uploaded.fileID;
        } else if (draft.avatarUrl) {
          input.avatarUrl = draft.avatarUrl;
        }
        const { member } = await call('member', 'updateProfile', input);
        await afterSave();
        return member;
      }),

      async bindPhone(code) {
        const slot = get().phoneBinding;
        if (slot.busy) return null;
        if (!code) {
          set({ phoneBinding: { ...slot, error: PHONE_CANCELLED } });
          return null;
        }
        const bound = await phoneBinding.run(() => call('member', 'bindPhone', { code }));
        // Orders a channel delivered for this number before it was bound are credited now: the card shows them.
        if (bound && bound.orders.credited > 0) await afterSave();
        return bound?.phone ?? null;
      },

      enter() {
        uploaded = null;
        update.clearError();
        phoneBinding.clearError();
        birthday.clearError();
      },

      reset() {
        uploaded = null;
        update.reset();
        phoneBinding.reset();
        birthday.reset();
      },
    };
  });
}

export const profileStore = createProfileStore(cloudCall, uploadFile, () => memberStore.getState().reloadHome());
onSessionReset(() => profileStore.getState().reset());
