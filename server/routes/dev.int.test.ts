import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCoverline, TZ, type TestCoverline } from "../../test/harness.js";

/**
 * The development contract (/dev/sms, /dev/outbox, /dev/roster — used by scripts/sms.ts and outside tools),
 * /health, the 404 envelope, and dev routes being absent in production.
 */

type Envelope = { error: { code: string; message: string; requestId: string } };
const E164 = /^\+[1-9]\d{6,14}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

describe("dev routes, health and errors (development)", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline();
  });
  afterAll(async () => t?.stop());

  const json = (path: string, body: unknown) => t.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("POST /dev/sms injects an SMS as RingCentral would: 202, normalised sender, processed and answered", async () => {
    const cg = t.seed!.caregivers.find((c) => c.active && c.hired)!;
    const national = cg.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3");
    const res = await json("/dev/sms", { from: national, text: "Do I work tomorrow?" });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: number; from: string; status: string };
    expect(body).toEqual({ id: expect.any(Number), from: cg.phone, status: "accepted" });
    await t.waitFor(async () => (await t.outbox(cg.phone, "sms")).length === 1);
  });

  it("POST /dev/sms validates its body with the error envelope", async () => {
    const missing = await json("/dev/sms", { from: "+13035550199" });
    expect(missing.status).toBe(400);
    const m = (await missing.json()) as Envelope;
    expect(m.error.code).toBe("invalid_request");
    expect(m.error.message).toMatch(/text/);
    expect(m.error.requestId).toBe(missing.headers.get("x-request-id"));
    const notPhone = await json("/dev/sms", { from: "not-a-phone", text: "hi" });
    expect(notPhone.status).toBe(400);
    expect(((await notPhone.json()) as Envelope).error.code).toBe("invalid_phone");
    const malformed = await t.app.request("/dev/sms", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Envelope).error).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
  });

  it("GET /dev/outbox returns exactly [{id, channel, to, text, createdAt}], filtered by to, channel and since", async () => {
    const phone = "+13035550111";
    const before = new Date(Date.now() - 1000);
    await t.messenger.send({ channel: "sms", to: phone, text: "first", idempotencyKey: "dev-test:1" });
    await t.messenger.send({ channel: "slack", to: "C0DEVTEST", text: "to slack", idempotencyKey: "dev-test:2" });

    const all = (await (await t.app.request(`/dev/outbox?to=${encodeURIComponent("(303) 555-0111")}`)).json()) as Record<string, unknown>[];
    expect(all).toHaveLength(1);
    expect(Object.keys(all[0]!).sort()).toEqual(["channel", "createdAt", "id", "text", "to"]);
    expect(all[0]).toMatchObject({ id: expect.any(Number), channel: "sms", to: phone, text: "first" });
    expect(new Date(all[0]!.createdAt as string).toISOString()).toBe(all[0]!.createdAt);

    const slack = (await (await t.app.request("/dev/outbox?channel=slack&to=C0DEVTEST")).json()) as { text: string; channel: string }[];
    expect(slack).toEqual([expect.objectContaining({ channel: "slack", text: "to slack" })]);
    const sms = (await (await t.app.request(`/dev/outbox?channel=sms&to=${encodeURIComponent(phone)}`)).json()) as unknown[];
    expect(sms).toHaveLength(1);

    const createdAt = (all[0]!.createdAt as string);
    const since = (await (await t.app.request(`/dev/outbox?to=${encodeURIComponent(phone)}&since=${encodeURIComponent(createdAt)}`)).json()) as unknown[];
    expect(since).toHaveLength(0);
    const older = (await (await t.app.request(`/dev/outbox?to=${encodeURIComponent(phone)}&since=${encodeURIComponent(before.toISOString())}`)).json()) as unknown[];
    expect(older.length).toBeLessThanOrEqual(1);

    const bad = await t.app.request("/dev/outbox?since=yesterday&channel=fax");
    expect(bad.status).toBe(400);
    const env = (await bad.json()) as Envelope;
    expect(env.error.code).toBe("invalid_request");
    expect(env.error.message).toMatch(/since/);
    expect(env.error.message).toMatch(/channel/);
  });

  it("GET /dev/roster lists caregivers (E.164, language), clients, coordinators and the next 7 days of shifts with offsets", async () => {
    const res = await t.app.request("/dev/roster");
    expect(res.status).toBe(200);
    const r = (await res.json()) as {
      caregivers: { id: string; name: string; phone: string; language: string }[];
      clients: { id: string; name: string }[];
      coordinators: { id: string; name: string; slackUserId: string }[];
      shifts: { id: string; start: string; end: string; clientId: string; caregiverId: string | null }[];
    };
    const seed = t.seed!;
    expect(r.caregivers.length).toBe(seed.caregivers.filter((c) => c.active && c.hired).length);
    for (const c of r.caregivers) {
      expect(c).toMatchObject({ id: expect.any(String), name: expect.stringMatching(/\S+ \S+/), language: expect.stringMatching(/^(en|es|tl|vi|ht|ru|zh)$/) });
      expect(c.phone).toMatch(E164);
    }
    expect(r.clients.length).toBe(seed.clients.length);
    for (const c of r.clients) expect(c).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(r.coordinators.map((c) => c.slackUserId).sort()).toEqual(seed.coordinators.map((c) => c.slackUserId).sort());

    const now = t.clock.now().getTime();
    expect(r.shifts.length).toBeGreaterThan(50);
    const clientIds = new Set(seed.clients.map((c) => c.id));
    const caregiverIds = new Set(seed.caregivers.map((c) => c.id));
    for (const s of r.shifts) {
      expect(s.start).toMatch(ISO_WITH_OFFSET);
      expect(s.end).toMatch(ISO_WITH_OFFSET);
      // Offsets are Denver's (MST -07:00 / MDT -06:00), not UTC.
      expect(s.start).toMatch(/-0[67]:00$/);
      expect(DateTime.fromISO(s.start, { setZone: true }).offset).toBe(DateTime.fromISO(s.start).setZone(TZ).offset);
      expect(new Date(s.end).getTime()).toBeGreaterThan(now - 60_000);
      expect(new Date(s.start).getTime()).toBeLessThan(now + 7 * 24 * 3600_000 + 60_000);
      expect(clientIds.has(s.clientId)).toBe(true);
      if (s.caregiverId !== null) expect(caregiverIds.has(s.caregiverId)).toBe(true);
    }
    expect(r.shifts.map((s) => s.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+_\d{8}$/)]));
  });

  it("GET /health is 200 healthy with every check when WellSky answers, 503 unhealthy naming it when it does not", async () => {
    const ok = await t.app.request("/health");
    expect(ok.status).toBe(200);
    const okBody = (await ok.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(okBody.status).toBe("healthy");
    expect(okBody.checks.database!.ok).toBe(true);
    expect(okBody.checks.wellsky!.ok).toBe(true);

    t.fake!.faults.add({ kind: "http500", times: 50 });
    try {
      const down = await t.app.request("/health");
      expect(down.status).toBe(503);
      const body = (await down.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
      expect(body.status).toBe("unhealthy");
      expect(body.checks.wellsky!.ok).toBe(false);
      expect(body.checks.wellsky!.error).toBeTruthy();
      expect(body.checks.database!.ok).toBe(true);
    } finally {
      t.fake!.faults.clear();
    }
    expect((await t.app.request("/health")).status).toBe(200);
  });

  it("answers an unknown route with the 404 envelope", async () => {
    for (const [method, path] of [["GET", "/nope"], ["POST", "/webhooks/twilio"], ["DELETE", "/health"]] as const) {
      const res = await t.app.request(path, { method });
      expect(res.status).toBe(404);
      const body = (await res.json()) as Envelope;
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain(path);
      expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    }
  });
});

describe("production mode", () => {
  let t: TestCoverline;
  beforeAll(async () => {
    t = await startTestCoverline({ NODE_ENV: "production" });
  });
  afterAll(async () => t?.stop());

  it("does not mount /dev/* (404 envelope), while webhooks and /health stay up", async () => {
    for (const [method, path] of [["POST", "/dev/sms"], ["GET", "/dev/outbox"], ["GET", "/dev/roster"]] as const) {
      const res = await t.app.request(path, { method, headers: { "content-type": "application/json" }, body: method === "POST" ? JSON.stringify({ from: "+13035550199", text: "hi" }) : undefined });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as Envelope).error.code).toBe("not_found");
    }
    const { rows } = await t.db.pool.query("SELECT 1 FROM inbound_messages");
    expect(rows).toHaveLength(0);
    expect((await t.app.request("/health")).status).toBe(200);
    expect((await t.app.request("/webhooks/ringcentral", { method: "POST" })).status).toBe(401);
  });
});
