/** What the form hands to the store: the nickname field, and either an avatar URL (h5) or a picked temp file (weapp). */
export interface ProfileDraft {
  nickname: string;
  avatarUrl?: string;
  avatarFile?: string;
}

/** A birthday as the member enters it: month and day, the year optional. */
export interface BirthdayDraft { month: number; day: number; year?: number }
