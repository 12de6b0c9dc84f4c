/**
 * The one way production code reads the time, so timers, reminders and business-hours logic are testable
 * without waiting. Inject a `ManualClock` in tests; `systemClock` everywhere else.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = "2026-11-23T16:00:00Z") {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Real time shifted to start at `startAt`: time flows normally, but "now" is a chosen instant (e.g. a Tuesday
 * 10:00 in the agency's timezone), so end-to-end tests see business hours whatever the wall clock says.
 */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;
  constructor(startAt: Date | string) {
    this.offsetMs = new Date(startAt).getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
