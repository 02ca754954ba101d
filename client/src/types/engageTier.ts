export interface TierChangeView { change: string; fromLevel: number; toLevel: number; message: string }
