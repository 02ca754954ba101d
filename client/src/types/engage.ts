// Answers of the checkin, task and referral functions (docs/actions.md).
import type { TierChangeView } from './engageTier';

export interface CalendarView {
  month: string;
  today: string;
  checkedDays: string[];
  checkedToday: boolean;
  streak: number;
  bestStreak: number;
  total: number;
  badges: string[];
  nextMilestone: { day: number; name: string; points: number; daysLeft: number; badge: string | null } | null;
  todayPoints: number;
  makeUp: { enabled: boolean; costPoints: number; days: string[]; leftThisMonth: number };
  balance: number;
}

export interface CheckinResult {
  checkedIn: boolean;
  day: string;
  streak: number;
  pointsEarned: number;
  basePoints: number;
  bonusPoints: number;
  doubleDay: boolean;
  growthEarned: number;
  milestones: Array<{ day: number; name: string; points: number; badge: string | null }>;
  newBadges: string[];
  balance: number;
  tier: TierChangeView;
}

export type TaskStatus = 'inProgress' | 'claimable' | 'claimed';

export interface TaskView {
  id: string;
  title: string;
  description: string;
  period: 'once' | 'daily' | 'weekly' | 'monthly';
  periodKey: string;
  target: number;
  progress: number;
  reward: { points: number; growth: number };
  audience: 'all' | 'newMember' | 'nearTier';
  source: string;
  status: TaskStatus;
}

export interface TaskList { today: string; tasks: TaskView[]; claimable: number }

export interface ClaimResult { taskId: string; periodKey: string; pointsEarned: number; growthEarned: number; balance: number; replayed: boolean }

export interface ReferralInfo {
  inviteCode: string;
  sharePath: string;
  shareTitle: string;
  rules: { inviterRegisteredPoints: number; inviterFirstOrderPoints: number; welcomePoints: number; monthlyCap: number; rewardedThisMonth: number; capReached: boolean };
  invitees: Array<{ name: string; joinedAt: string; status: 'registered' | 'ordered' | 'refunded'; rewarded: boolean; pointsEarned: number }>;
  totals: { invited: number; pointsEarned: number };
}

export interface BoardRow { rank: number; name: string; score: number; me: boolean }
export interface Board { top: BoardRow[]; me: { rank: number | null; score: number; name: string } }
export interface Leaderboard { month: string; invites: Board; points: Board }
