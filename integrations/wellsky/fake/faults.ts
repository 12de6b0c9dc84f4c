/**
 * Fault injection for the stand-in server: slow answers, 500s with an HTML body (what the live API sends
 * when it breaks), 429s with Retry-After, and connections dropped without an answer.
 */

/** `http500AfterWrite`: the request is carried out, then answered with a 500, as when a gateway times out on a write that landed. */
export type FaultKind = "latency" | "http500" | "http500AfterWrite" | "http429" | "drop";

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests it affects (default 1). */
  times?: number;
  /** Only requests whose path matches (default: every request, the token endpoint included). */
  match?: RegExp;
  /** Only requests with this method (default: any). */
  method?: string;
  /** Delay for `latency` (default 200 ms). */
  ms?: number;
  /** Retry-After for `http429`, in seconds (default 1). */
  retryAfterSeconds?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** Queue of faults; each request consumes the first that matches. */
export class Faults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.active.push({ ...spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Faults still armed. */
  get pending(): number {
    return this.active.reduce((n, f) => n + f.remaining, 0);
  }

  /** Consumes and returns the fault for a request, if one is armed. */
  take(path: string, method = "GET"): FaultSpec | undefined {
    const f = this.active.find((x) => x.remaining > 0 && (!x.match || x.match.test(path)) && (!x.method || x.method === method));
    if (!f) return undefined;
    f.remaining--;
    this.active = this.active.filter((x) => x.remaining > 0);
    return f;
  }
}
