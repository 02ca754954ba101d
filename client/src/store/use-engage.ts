import { useStore } from 'zustand';
import { calendarMonthStore, checkinStore, leaderboardStore, referralStore, tasksStore } from './engage';

export const useCheckin = <T,>(selector: (s: ReturnType<typeof checkinStore.getState>) => T): T => useStore(checkinStore, selector);
export const useTasks = <T,>(selector: (s: ReturnType<typeof tasksStore.getState>) => T): T => useStore(tasksStore, selector);
export const useReferral = <T,>(selector: (s: ReturnType<typeof referralStore.getState>) => T): T => useStore(referralStore, selector);
export const useLeaderboard = <T,>(selector: (s: ReturnType<typeof leaderboardStore.getState>) => T): T => useStore(leaderboardStore, selector);
export const useCalendarMonth = <T,>(selector: (s: ReturnType<typeof calendarMonthStore.getState>) => T): T => useStore(calendarMonthStore, selector);
