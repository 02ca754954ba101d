// The one place functions read time. In the real cloud this is the system clock; the local cloud moves it
// per invocation through LOCALCLOUD_CLOCK ({"offsetMs":n} or {"frozenAt":"ISO"}) so tests can cross days and years.
interface ClockSetting { offsetMs?: number; frozenAt?: string }

function setting(): ClockSetting {
  const raw = process.env.LOCALCLOUD_CLOCK;
  if (!raw) return {};
  try {
    return JSON.parse(raw) as ClockSetting;
  } catch {
    return {};
  }
}

export function now(): Date {
  const s = setting();
  if (s.frozenAt) return new Date(s.frozenAt);
  return new Date(Date.now() + (s.offsetMs ?? 0));
}
