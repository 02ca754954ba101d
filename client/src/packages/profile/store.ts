// Profile editing (编辑资料): upload a picked avatar to cloud storage, then member.updateProfile, then refresh the
// member card; and 绑定手机号 through member.bindPhone (weapp: the getPhoneNumber button's one-time code; h5 demo: the
// typed number, which the local cloud accepts as a code). Framework-free; the page uses it through useProfile.
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, uploadFile, type CallFn, type UploadFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { memberStore } from '../../store/member';
import { onSessionReset } from '../../store/session';
import type { BindPhoneResult, ProfileDraft, ProfileMember } from './types';

/** The getPhoneNumber button answers without a code when the user declines. */
export const PHONE_CANCELLED: StoreError = { code: 'CANCELLED', message: '已取消授权' };

export interface ProfileState {
  saving: boolean;
  error: StoreError | null;
  /** Resolves with the updated member, or null when it failed (the error is in the store) or a save is running. */
  save: (draft: ProfileDraft) => Promise<ProfileMember | null>;
  /** Masked number of the last successful bind in this session (member.home does not return it). */
  phone: string | null;
  binding: boolean;
  phoneError: StoreError | null;
  /** Resolves with the masked number, or null when there was no code, it failed (see phoneError) or a bind is running. */
  bindPhone: (code: string | undefined) => Promise<string | null>;
  /** The page opens: forget the form's errors, keep the bound number. */
  enter: () => void;
  /** A new session (identity switch): forget everything, and ignore answers of calls still under way. */
  reset: () => void;
}

export function createProfileStore(call: CallFn, upload: UploadFn, afterSave: () => Promise<void>) {
  // A retry after a rejected nickname reuses the avatar already uploaded.
  let uploaded: { file: string; fileID: string } | null = null;
  let session = 0;

  return createStore<ProfileState>()((set, get) => ({
    saving: false,
    error: null,

    async save(draft) {
      if (get().saving) return null;
      set({ saving: true, error: null });
      try {
        const input: { nickname: string; avatarUrl?: string } = { nickname: draft.nickname };
        if (draft.avatarFile) {
          if (uploaded?.file !== draft.avatarFile) {
            uploaded = { file: draft.avatarFile, fileID: await upload(draft.avatarFile, 'avatars') };
          }
          input.avatarUrl = uploaded.fileID;
        } else if (draft.avatarUrl) {
          input.avatarUrl = draft.avatarUrl;
        }
        const { member } = await call<{ member: ProfileMember }>('member', 'updateProfile', input);
        await afterSave();
        set({ saving: false });
        return member;
      } catch (err) {
        set({ saving: false, error: toStoreError(err) });
        return null;
      }
    },

    phone: null,
    binding: false,
    phoneError: null,

    async bindPhone(code) {
      if (get().binding) return null;
      if (!code) {
        set({ phoneError: PHONE_CANCELLED });
        return null;
      }
      const started = session;
      set({ binding: true, phoneError: null });
      try {
        const { phone } = await call<BindPhoneResult>('member', 'bindPhone', { code });
        if (started !== session) return null;
        set({ binding: false, phone });
        return phone;
      } catch (err) {
        if (started === session) set({ binding: false, phoneError: toStoreError(err) });
        return null;
      }
    },

    enter() {
      uploaded = null;
      set({ saving: false, error: null, phoneError: null });
    },

    reset() {
      uploaded = null;
      session += 1;
      set({ saving: false, error: null, phone: null, binding: false, phoneError: null });
    },
  }));
}

export const profileStore = createProfileStore(cloudCall, uploadFile, () => memberStore.getState().loadHome());
onSessionReset(() => profileStore.getState().reset());
