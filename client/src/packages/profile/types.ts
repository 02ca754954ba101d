/** What the form hands to the store: the nickname field, and either an avatar URL (h5) or a picked temp file (weapp). */
export interface ProfileDraft {
  nickname: string;
  avatarUrl?: string;
  avatarFile?: string;
}
