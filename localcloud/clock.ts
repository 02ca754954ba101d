// The local cloud's movable clock. Functions receive it per invocation (LOCALCLOUD_CLOCK) and read it through
// cloudfunctions/runtime/clock.ts; the database uses it for db.serverDate().
export type ClockSetting = { offsetMs?: number; frozenAt?: string };

export class Clock {
  private setting: ClockSetting = {};

  now(): Date {
    if (this.setting.frozenAt) return new Date(this.setting.frozenAt);
    return new Date(Date.now() + (this.setting.offsetMs ?? 0));
  }

  /** Moves time to `at`; it keeps running from there unless `freeze` is set. */
  set(at: Date, freeze = false): void {
    this.setting = freeze ? { frozenAt: at.toISOString() } : { offsetMs: at.getTime() - Date.now() };
  }

  reset(): void {
    this.setting = {};
  }

  forFunctions(): ClockSetting {
    return { ...this.setting };
  }

  isReal(): boolean {
    return !this.setting.frozenAt && !this.setting.offsetMs;
  }
}
