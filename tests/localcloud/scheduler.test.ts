import { Clock } from '../../localcloud/clock';
import { parseCron } from '../../localcloud/cron';
import { Scheduler, timerTriggers } from '../../localcloud/scheduler';

describe('the local scheduler fires timer triggers on the movable clock', () => {
  const flush = () => new Promise((r) => setImmediate(r));

  test('a daily trigger fires once when the clock passes 03:00 Shanghai, and once for a jump of days', async () => {
    const clock = new Clock();
    clock.set(new Date('2026-11-22T02:59:58+08:00'), true);
    const fired: string[] = [];
    const scheduler = new Scheduler(clock, timerTriggers('jobs', { triggers: [{ name: 'daily', type: 'timer', config: '0 0 3 * * * *' }] }), async (t) => {
      fired.push(`${t.functionName}/${t.name}@${clock.now().toISOString()}`);
    });
    scheduler.tick();
    expect(fired).toHaveLength(0);
    clock.set(new Date('2026-11-22T03:00:01+08:00'), true);
    scheduler.tick();
    await flush();
    expect(fired).toEqual(['jobs/daily@2026-11-21T19:00:01.000Z']);
    scheduler.tick();
    await flush();
    expect(fired).toHaveLength(1);
    clock.set(new Date('2026-11-30T12:00:00+08:00'), true); // missed runs coalesce into one
    scheduler.tick();
    await flush();
    expect(fired).toHaveLength(2);
  });

  test('moving the clock back does not fire, and only timer triggers count', () => {
    const clock = new Clock();
    clock.set(new Date('2026-11-22T04:00:00+08:00'), true);
    const fired: string[] = [];
    const triggers = timerTriggers('f', { triggers: [{ name: 'd', type: 'timer', config: '0 0 3 * * * *' }, { name: 'x', type: 'http', config: '' }] });
    expect(triggers.map((t) => t.name)).toEqual(['d']);
    const scheduler = new Scheduler(clock, triggers, async (t) => { fired.push(t.name); });
    clock.set(new Date('2026-11-21T02:00:00+08:00'), true);
    scheduler.tick();
    expect(fired).toHaveLength(0);
    expect(parseCron('0 0 3 * * * *').matches(new Date('2026-11-21T19:00:00Z'))).toBe(true);
  });
});
