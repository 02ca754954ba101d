/** member.updateProfile answers the public member view. */
export interface ProfileMember {
  memberNo: string;
  nickname: string;
  avatarUrl: string | null;
  tierLevel: number;
  joinedAt: string; // ISO
}

/** What the form hands to the store: the nickname field, and either an avatar URL (h5) or a picked temp file (weapp). */
export interface ProfileDraft {
  nickname: string;
  avatarUrl?: string;
  avatarFile?: string;
}

/** member.bindPhone answers the masked number ('138****8000'); `changed` is false when it was already bound. */
export interface BindPhoneResult {
  phone: string;
  changed: boolean;
}
