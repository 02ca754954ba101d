// Profile editing (编辑资料): upload a picked avatar to cloud storage, then member.updateProfile, then refresh the
// member card. Framework-free; the page uses it through useProfile.
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, uploadFile, type CallFn, type UploadFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { memberStore } from '../../store/member';
import { onSessionReset } from '../../store/session';
import type { ProfileDraft, ProfileMember } from './types';

export interface ProfileState {
  saving: boolean;
  error: StoreError | null;
  /** Resolves with the updated member, or null when it failed (the error is in the store) or a save is running. */
  save: (draft: ProfileDraft) => Promise<ProfileMember | null>;
  reset: () => void;
}

export function createProfileStore(call: CallFn, upload: UploadFn, afterSave: () => Promise<void>) {
  // A retry after a rejected nickname reuses the avatar already uploaded.
  let uploaded: { file: string; fileID: string } | null = null;

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

    reset() {
      uploaded = null;
      set({ saving: false, error: null });
    },
  }));
}

export const profileStore = createProfileStore(cloudCall, uploadFile, () => memberStore.getState().loadHome());
onSessionReset(() => profileStore.getState().reset());
