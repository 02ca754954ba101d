// Engagement figures: database requests per check-in (budget 6), per repeated tap, per task claim (new and
// replayed), per client report, per referral.info and leaderboard. Measured on a warm instance (rules cached).
import { benchCloud, call, row } from './lib';

export async function benchEngagement(): Promise<void> {
  console.log('\nEngagement (check-in, tasks, referrals)');
  const cloud = await benchCloud('empty');
  try {
    const url = cloud.url;
    await call(url, 'member', { action: 'login' }, 'bench-engage');
    await call(url, 'checkin', { action: 'calendar' }, 'bench-engage'); // warms the instance's rules cache
    const first = await call(url, 'checkin', { action: 'checkin' }, 'bench-engage');
    row('checkin.checkin db requests', String(first.dbOps), '6', first.dbOps <= 6);
    const again = await call(url, 'checkin', { action: 'checkin' }, 'bench-engage');
    row('checkin.checkin db requests (already today)', String(again.dbOps));
    row('checkin.calendar db requests', String((await call(url, 'checkin', { action: 'calendar' }, 'bench-engage')).dbOps));
    await call(url, 'task', { action: 'list' }, 'bench-engage');
    const taskList = (await call(url, 'task', { action: 'list' }, 'bench-engage')).dbOps;
    row('task.list db requests', String(taskList), '3', taskList <= 3);
    const claim = await call(url, 'task', { action: 'claim', taskId: 'checkinDaily' }, 'bench-engage');
    row('task.claim db requests (check-in task)', String(claim.dbOps));
    row('task.claim db requests (replayed)', String((await call(url, 'task', { action: 'claim', taskId: 'checkinDaily' }, 'bench-engage')).dbOps));
    row('task.report db requests (share)', String((await call(url, 'task', { action: 'report', source: 'share' }, 'bench-engage')).dbOps));
    await call(url, 'referral', { action: 'info' }, 'bench-engage');
    row('referral.info db requests', String((await call(url, 'referral', { action: 'info' }, 'bench-engage')).dbOps));
    const info = (await call(url, 'referral', { action: 'info' }, 'bench-engage')).body.data as { inviteCode: string };
    const invited = (await call(url, 'member', { action: 'login', inviteCode: info.inviteCode }, 'bench-invitee')).dbOps;
    row('member.login db requests (new, with invite code)', String(invited), '10', invited <= 10);
    row('referral.leaderboard db requests', String((await call(url, 'referral', { action: 'leaderboard' }, 'bench-engage')).dbOps));
  } finally {
    await cloud.cleanup();
  }
}
