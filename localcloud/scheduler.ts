// Fires timer triggers on the local clock. A clock moved forward past a trigger's time fires it once
// (missed runs coalesce), which is what a daily job that resumes and is idempotent per day expects.
import type { Clock } from './clock';
import { firesBetween, parseCron, type Cron } from './cron';

export interface TimerTrigger { functionName: string; name: string; cron: Cron }

export function timerTriggers(functionName: string, config: { triggers?: Array<{ name: string; type: string; config: string }> }): TimerTrigger[] {
  return (config.triggers ?? [])
    .filter((t) => t.type === 'timer')
    .map((t) => ({ functionName, name: t.name, cron: parseCron(t.config) }));
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private last: Date;
  private running = new Set<string>();

  constructor(private readonly clock: Clock, private readonly triggers: TimerTrigger[], private readonly fire: (t: TimerTrigger) => Promise<unknown>) {
    this.last = clock.now();
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  tick(): void {
    const now = this.clock.now();
    if (now.getTime() < this.last.getTime()) { this.last = now; return; } // clock moved back: start over from here
    for (const t of this.triggers) {
      const key = `${t.functionName}/${t.name}`;
      if (this.running.has(key) || !firesBetween(t.cron, this.last, now)) continue;
      this.running.add(key);
      this.fire(t).catch((err) => console.error(`[scheduler] ${key} failed:`, err)).finally(() => this.running.delete(key));
    }
    this.last = now;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
