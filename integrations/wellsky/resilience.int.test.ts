import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../lib/clock.js";
import { silentLogger } from "../../lib/logger.js";
import { WellSkyAuthError, WellSkyHttpError, WellSkyNetworkError, WellSkyNotFoundError, WellSkyRouteError } from "./errors.js";
import { startWellSkyHarness, type WellSkyHarness } from "./fake/harness.js";
import { Transport, type TransportOptions } from "./transport.js";

let h: WellSkyHarness;
beforeAll(async () => {
  h = await startWellSkyHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.fake.faults.clear();
});

const mark = () => h.fake.store.requests.length;
const since = (m: number) => h.fake.store.requests.slice(m);
const tokenCalls = (m: number) => since(m).filter((r) => r.path === "/oauth/accesstoken").length;

function transport(overrides: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    baseUrl: h.fake.url,
    clientId: "dev-client",
    clientSecret: "dev-secret",
    ratePerSecond: 1000,
    retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 40 },
    timeoutMs: 5_000,
    fetch: globalThis.fetch,
    clock: systemClock,
    logger: silentLogger,
    ...overrides,
  });
}

describe("the route-403 trap", () => {
  it("turns the gateway's 'Invalid key=value pair' on a fresh token into WellSkyRouteError", async () => {
    const t = transport();
    const m = mark();
    const err = await t.request({ method: "GET", path: "/v1/Patient/" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WellSkyRouteError);
    expect((err as WellSkyRouteError).status).toBe(403);
    expect((err as WellSkyRouteError).body).toContain("Invalid key=value pair");
    expect(tokenCalls(m)).toBe(1); // the token was fresh: no pointless refresh
  });

  it("with a cached token, refreshes once, retries once, then reports the wrong route", async () => {
    const t = transport();
    await t.request({ method: "GET", path: "/v1/patients/", query: { _count: 1 } });
    const m = mark();
    await expect(t.request({ method: "GET", path: "/v1/patients" })).rejects.toBeInstanceOf(WellSkyRouteError); // no trailing slash
    expect(since(m).map((r) => [r.path, r.status])).toEqual([
      ["/v1/patients", 403],
      ["/oauth/accesstoken", 200],
      ["/v1/patients", 403],
    ]);
  });

  it("treats wrong casing, plurality and method as wrong routes too", async () => {
    const t = transport();
    await expect(t.request({ method: "GET", path: "/v1/Practitioner/" })).rejects.toBeInstanceOf(WellSkyRouteError);
    await expect(t.request({ method: "GET", path: "/v1/documentreferences/" })).rejects.toBeInstanceOf(WellSkyRouteError);
    await expect(t.request({ method: "DELETE", path: "/v1/patients/" })).rejects.toBeInstanceOf(WellSkyRouteError);
  });
});

describe("authentication", () => {
  it("refreshes once on a 401 from a revoked token and carries on", async () => {
    const client = h.makeClient();
    await client.getProfileTag("45");
    h.fake.store.revokeTokens();
    const m = mark();
    expect((await client.getProfileTag("46")).name).toBe("HHA");
    expect(since(m).map((r) => r.status)).toEqual([401, 200, 200]);
  });

  it("recovers when the server expires the token earlier than our clock expects", async () => {
    const client = h.makeClient();
    await client.getProfileTag("45");
    h.clock.advance(3600 * 1000); // the stand-in's clock only
    const m = mark();
    await client.getProfileTag("47");
    expect(tokenCalls(m)).toBe(1);
  });

  it("reports bad credentials as WellSkyAuthError without retrying", async () => {
    const client = h.makeClient({ clientSecret: "wrong" });
    const m = mark();
    const err = await client.getPatient(h.agency.clients[0]!.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WellSkyAuthError);
    expect((err as WellSkyAuthError).body).toContain("invalid_client");
    expect(since(m)).toHaveLength(1);
  });
});

describe("retries", () => {
  const patientPath = /^\/v1\/patients\/\d+\/$/;

  it("retries 500s with HTML bodies and succeeds", async () => {
    h.fake.faults.add({ kind: "http500", times: 2, match: patientPath });
    const m = mark();
    const id = h.agency.clients[1]!.id;
    expect((await h.makeClient().getPatient(id)).id).toBe(id);
    expect(since(m).filter((r) => patientPath.test(r.path)).map((r) => [r.status, r.fault])).toEqual([
      [500, "http500"],
      [500, "http500"],
      [200, undefined],
    ]);
  });

  it("gives up after maxAttempts with status and the raw (non-JSON) body", async () => {
    h.fake.faults.add({ kind: "http500", times: 10, match: patientPath });
    const client = h.makeClient({ retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } });
    await client.getProfileTag("45"); // token first, so only patient calls count below
    const m = mark();
    const err = await client.getPatient(h.agency.clients[1]!.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WellSkyHttpError);
    expect((err as WellSkyHttpError).status).toBe(500);
    expect((err as WellSkyHttpError).body).toMatch(/^<html>/);
    expect(since(m)).toHaveLength(3);
  });

  it("retries 429s, waiting for Retry-After (capped at maxDelayMs)", async () => {
    h.fake.faults.add({ kind: "http429", times: 1, match: patientPath, retryAfterSeconds: 5 });
    const client = h.makeClient({ retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 300 } });
    await client.getProfileTag("45");
    const started = Date.now();
    await client.getPatient(h.agency.clients[2]!.id);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290); // waited for the server, not the 1 ms backoff…
    expect(elapsed).toBeLessThan(2_000); // …but not the full 5 s
  });

  it("retries a dropped connection", async () => {
    h.fake.faults.add({ kind: "drop", times: 1, match: patientPath });
    const m = mark();
    await h.makeClient().getPatient(h.agency.clients[3]!.id);
    expect(since(m).filter((r) => patientPath.test(r.path)).map((r) => r.fault)).toEqual(["drop", undefined]);
  });

  it("gives up on repeated drops with WellSkyNetworkError", async () => {
    h.fake.faults.add({ kind: "drop", times: 5, match: patientPath });
    await expect(h.makeClient({ retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } }).getPatient(h.agency.clients[3]!.id)).rejects.toBeInstanceOf(WellSkyNetworkError);
  });

  it("times out a slow answer and retries it", async () => {
    h.fake.faults.add({ kind: "latency", times: 1, ms: 400, match: patientPath });
    const m = mark();
    await h.makeClient({ timeoutMs: 150 }).getPatient(h.agency.clients[4]!.id);
    expect(since(m).filter((r) => patientPath.test(r.path)).map((r) => r.fault)).toEqual(["latency", undefined]);
  });

  it("retries the token endpoint too", async () => {
    h.fake.faults.add({ kind: "http500", times: 1, match: /^\/oauth\/accesstoken$/ });
    await expect(h.makeClient().getPatient(h.agency.clients[0]!.id)).resolves.toBeDefined();
  });

  it("does not retry a 404", async () => {
    const client = h.makeClient();
    await client.getProfileTag("45");
    const m = mark();
    await expect(client.getPatient("1")).rejects.toBeInstanceOf(WellSkyNotFoundError);
    expect(since(m)).toHaveLength(1);
  });

  it("never resends a create after a 500 (it may have gone through), but does after a 429", async () => {
    const client = h.makeClient();
    await client.getProfileTag("45");
    const body = { clientId: h.agency.clients[0]!.id, caregiverId: null, start: new Date("2026-12-02T15:00:00Z"), end: new Date("2026-12-02T17:00:00Z") };
    h.fake.faults.add({ kind: "http500", times: 1, match: /^\/v1\/appointment\/$/ });
    let m = mark();
    await expect(client.createAppointment(body)).rejects.toMatchObject({ status: 500 });
    expect(since(m)).toHaveLength(1);

    h.fake.faults.add({ kind: "http429", times: 1, match: /^\/v1\/appointment\/$/, retryAfterSeconds: 0 });
    m = mark();
    const { id } = await client.createAppointment(body);
    expect(since(m).map((r) => r.status)).toEqual([429, 201]);
    expect(h.fake.store.occurrences(id)).toHaveLength(1);
  });

  it("resends a create when the failure was fetching the token (nothing was sent yet)", async () => {
    const client = h.makeClient();
    h.fake.faults.add({ kind: "http500", times: 1, match: /^\/oauth\/accesstoken$/ });
    const { id } = await client.createAppointment({ clientId: h.agency.clients[1]!.id, caregiverId: null, start: new Date("2026-12-03T15:00:00Z"), end: new Date("2026-12-03T17:00:00Z") });
    expect(h.fake.store.occurrences(id)).toHaveLength(1);
  });
});

describe("client-side rate limit", () => {
  it("spaces requests evenly at the configured rate", async () => {
    const client = h.makeClient({ ratePerSecond: 20 });
    await client.getProfileTag("45"); // token + first call
    const m = mark();
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => client.getProfileTag("46")));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450); // 10 gaps of 50 ms
    expect(since(m)).toHaveLength(11);
  });

  it("does not slow a fast client down", async () => {
    const client = h.makeClient({ ratePerSecond: 1000 });
    await client.getProfileTag("45");
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => client.getProfileTag("46")));
    expect(Date.now() - started).toBeLessThan(400);
  });
});
