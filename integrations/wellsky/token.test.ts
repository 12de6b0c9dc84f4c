import { describe, expect, it } from "vitest";
import { ManualClock } from "../../lib/clock.js";
import { WellSkyResponseError } from "./errors.js";
import { TokenCache } from "./token.js";

function counter(answers: unknown[]) {
  let calls = 0;
  const fetchToken = async () => {
    const a = answers[Math.min(calls, answers.length - 1)];
    calls++;
    return a;
  };
  return { fetchToken, calls: () => calls };
}

const live = (token: string, expires_in: string | number = "3599") => ({
  refresh_token_expires_in: "0",
  token_type: "BearerToken",
  issued_at: 1769754192,
  access_token: token,
  scope: "",
  expires_in,
  status: "approved",
});

describe("TokenCache", () => {
  it("reuses the token until 5 minutes before expires_in (a string on the live API)", async () => {
    const clock = new ManualClock("2026-11-23T16:00:00Z");
    const src = counter([live("t1"), live("t2")]);
    const cache = new TokenCache(src.fetchToken, clock);

    expect(await cache.get()).toEqual({ token: "t1", fresh: true });
    clock.advance((3599 - 300) * 1000 - 1);
    expect(await cache.get()).toEqual({ token: "t1", fresh: false });
    clock.advance(1);
    expect(await cache.get()).toEqual({ token: "t2", fresh: true });
    expect(src.calls()).toBe(2);
  });

  it("accepts a numeric expires_in", async () => {
    const clock = new ManualClock();
    const src = counter([live("n1", 600), live("n2", 600)]);
    const cache = new TokenCache(src.fetchToken, clock);
    await cache.get();
    clock.advance(299_000);
    expect((await cache.get()).token).toBe("n1");
    clock.advance(1_000);
    expect((await cache.get()).token).toBe("n2");
  });

  it("keeps a short-lived token for half its life instead of treating it as expired on arrival", async () => {
    const clock = new ManualClock();
    const src = counter([live("s1", "60"), live("s2", "60")]);
    const cache = new TokenCache(src.fetchToken, clock);
    await cache.get();
    clock.advance(29_000);
    expect((await cache.get()).token).toBe("s1");
    clock.advance(1_000);
    expect((await cache.get()).token).toBe("s2");
  });

  it("shares one fetch between concurrent callers", async () => {
    const src = counter([live("c1")]);
    const cache = new TokenCache(src.fetchToken, new ManualClock());
    const leases = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(leases.map((l) => l.token)).toEqual(["c1", "c1", "c1"]);
    expect(src.calls()).toBe(1);
  });

  it("invalidate() drops only the token it names", async () => {
    const clock = new ManualClock();
    const src = counter([live("a"), live("b")]);
    const cache = new TokenCache(src.fetchToken, clock);
    await cache.get();
    cache.invalidate("not-the-current-one");
    expect(await cache.get()).toEqual({ token: "a", fresh: false });
    cache.invalidate("a");
    expect(await cache.get()).toEqual({ token: "b", fresh: true });
  });

  it("rejects an answer without access_token or a usable expires_in", async () => {
    const cache = new TokenCache(counter([{ token_type: "BearerToken", expires_in: "3599" }]).fetchToken, new ManualClock());
    await expect(cache.get()).rejects.toBeInstanceOf(WellSkyResponseError);
    const bad = new TokenCache(counter([live("x", "soon")]).fetchToken, new ManualClock());
    await expect(bad.get()).rejects.toThrow(/access_token\/expires_in/);
  });
});
