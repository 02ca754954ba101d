// Demo in-store activities (`activities`) staff record attendance for with `staff.activityCheckin`: their windows are
// relative to the seeding time, so there is always one running this week, one over, one to come and one switched off.
import type { ActivityDoc } from '../../cloudfunctions/core/documents';

const DAY = 86400000;

export function demoActivities(now: Date): ActivityDoc[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  return [
    // Held in both demo stores this week (the staff screens' and the browser tests' example code).
    { _id: 'YOGA0612', name: '周末晨间瑜伽课', storeIds: ['store-mall-01', 'store-hotel-01'], startAt: at(-3), endAt: at(7), active: true },
    // Every store, all season: the configured `growth.events.activity` rule.
    { _id: 'tea-2026-11', name: '冬季茶艺体验', storeIds: [], startAt: at(-30), endAt: at(60), active: true },
    // The hotel only, with its own growth and daily cap.
    { _id: 'WINE-NIGHT', name: '酒店红酒品鉴会', storeIds: ['store-hotel-01'], startAt: at(-1), endAt: at(14), growth: 20, dailyCap: 1, active: true },
    { _id: 'SUMMER-FAIR', name: '夏日市集（已结束）', storeIds: ['store-mall-01'], startAt: at(-180), endAt: at(-170), active: true },
    { _id: 'NEWYEAR-GALA', name: '新春答谢会（未开始）', storeIds: [], startAt: at(30), endAt: at(31), active: true },
    { _id: 'PAUSED-CLASS', name: '插花沙龙（已停用）', storeIds: ['store-mall-01'], startAt: at(-10), endAt: at(20), active: false },
  ];
}
