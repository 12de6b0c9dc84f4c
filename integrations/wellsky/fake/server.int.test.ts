import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWellSkyHarness, TEST_TODAY, type WellSkyHarness } from "./harness.js";

/**
 * The stand-in over raw HTTP (no client), so its rules are checked independently of the client that
 * is tested against it.
 */

let h: WellSkyHarness;
let token: string;
beforeAll(async () => {
  h = await startWellSkyHarness();
  token = ((await (await post("/oauth/accesstoken", { grant_type: "client_credentials", client_id: "dev-client", client_secret: "dev-secret" })).json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.fake.faults.clear());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(h.fake.url + path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}
function api(method: string, path: string, body?: unknown, auth = `Bearer ${token}`) {
  return fetch(h.fake.url + path, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { entry?: { resource: Record<string, unknown> }[]; totalRecords?: number } };
}

describe("token endpoint", () => {
  it("answers JSON requests like the live endpoint", async () => {
    const { status, body } = await json(post("/oauth/accesstoken", { grant_type: "client_credentials", client_id: "dev-client", client_secret: "dev-secret" }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "BearerToken", expires_in: "3599", refresh_token_expires_in: "0", scope: "", status: "approved", client_id: "dev-client" });
    expect(body.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof body.issued_at).toBe("number");
  });

  it("accepts form-encoded requests", async () => {
    const res = await fetch(`${h.fake.url}/oauth/accesstoken`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=dev-client&client_secret=dev-secret",
    });
    expect(res.status).toBe(200);
  });

  it("rejects bad credentials and grants", async () => {
    expect((await json(post("/oauth/accesstoken", { grant_type: "client_credentials", client_id: "dev-client", client_secret: "nope" }))).status).toBe(401);
    expect((await json(post("/oauth/accesstoken", { grant_type: "password", client_id: "dev-client", client_secret: "dev-secret" }))).status).toBe(400);
  });

  it("is not under /v1", async () => {
    expect((await post("/v1/oauth/accesstoken", {})).status).toBe(403);
  });
});

describe("authorization and routes", () => {
  it("needs a Bearer token on real routes (BearerToken scheme and expired tokens fail)", async () => {
    expect((await api("GET", "/v1/profileTags/45/", undefined, "")).status).toBe(401);
    expect((await api("GET", "/v1/profileTags/45/", undefined, `BearerToken ${token}`)).status).toBe(401);
    expect((await api("GET", "/v1/profileTags/45/")).status).toBe(200);
  });

  it("answers unknown paths with the API Gateway 403, hashing the Authorization header", async () => {
    const auth = `Bearer ${token}`;
    for (const path of ["/v1/Patient/", "/v1/patients", "/v1/Practitioner/", "/v1/documentreferences/", "/v1/appointments/", "/v1/prospects/1/notes"]) {
      const { status, body } = await json(api("GET", path));
      expect(status, path).toBe(403);
      expect(body.message).toBe(`Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${createHash("sha256").update(auth).digest("base64")}'.`);
    }
    expect((await json(api("GET", "/v1/Patient/", undefined, ""))).body).toEqual({ message: "Missing Authentication Token" });
  });

  it("treats a wrong method as an unknown route", async () => {
    expect((await api("DELETE", "/v1/patients/")).status).toBe(403);
    expect((await api("GET", "/v1/encounter/1/clockout/")).status).toBe(403);
  });

  it("answers 501 for real routes it does not simulate", async () => {
    const { status, body } = await json(api("POST", "/v1/documentReferences/", {}));
    expect(status).toBe(501);
    expect(body.message).toMatch(/Not simulated/);
  });
});

describe("paging", () => {
  it("pages 0-based with totalRecords and entry[].resource", async () => {
    const p0 = await json(api("GET", "/v1/practitioners/?_count=50"));
    const p1 = await json(api("GET", "/v1/practitioners/?_count=50&_page=1"));
    expect(p0.body).toMatchObject({ resourceType: "Bundle", type: "searchset", totalRecords: h.agency.wire.practitioners.length });
    expect(p0.body.entry).toHaveLength(50);
    expect(p1.body.entry).toHaveLength(h.agency.wire.practitioners.length - 50);
    expect(p1.body.entry![0]!.resource.resourceType).toBe("Practitioner");
    expect(p0.body.entry!.map((e) => e.resource.id)).not.toContain(p1.body.entry![0]!.resource.id);
  });

  it("defaults to 20 rows and refuses _count over 100 or a negative page", async () => {
    expect((await json(api("GET", "/v1/patients/"))).body.entry).toHaveLength(20);
    expect((await api("GET", "/v1/patients/?_count=101")).status).toBe(400);
    expect((await api("GET", "/v1/patients/?_count=0")).status).toBe(400);
    expect((await api("GET", "/v1/patients/?_page=-1")).status).toBe(400);
  });

  it("filters _search bodies of strings", async () => {
    const cg = h.agency.caregivers[0]!;
    const { body } = await json(api("POST", "/v1/practitioners/_search/?_count=100", { mobile_phone: cg.phone.slice(2), is_hired: "true" }));
    expect(body.entry!.map((e) => e.resource.id)).toEqual([cg.id]);
  });
});

describe("appointments", () => {
  it("enforces the search rules with plain-sentence 422s", async () => {
    const { status, body } = await json(api("GET", "/v1/appointment/?startDate=20261123"));
    expect(status).toBe(422);
    expect(body.error).toBe("'caregiverId' or 'clientId' is required.");
    expect((await json(api("POST", "/v1/appointment/_search/", { clientId: "1" }))).body.error).toBe("One of 'startDate', 'weekNo' or 'monthNo' is required.");
    expect((await api("GET", "/v1/appointment/?clientId=1&startDate=20261123&additionalDays=9")).status).toBe(422);
  });

  it("emits +00:00 datetimes", async () => {
    const shift = h.agency.shifts[0]!;
    const { body } = await json(api("GET", `/v1/appointment/?clientId=${shift.clientId}&monthNo=202611&_count=100`));
    for (const e of body.entry!) expect(e.resource.start).toMatch(/\+00:00$/);
  });

  it("GET returns the occurrence nearest the stand-in's clock", async () => {
    const id = h.agency.shifts.find((s) => h.agency.shifts.filter((x) => x.appointmentId === s.appointmentId).length > 4)!.appointmentId;
    const occurrences = h.fake.store.occurrences(id);
    // Tokens expire on the stand-in's clock too, so take a new one after each jump.
    const at = async (when: Date | string) => {
      h.clock.set(when);
      const t = ((await (await post("/oauth/accesstoken", { grant_type: "client_credentials", client_id: "dev-client", client_secret: "dev-secret" })).json()) as { access_token: string }).access_token;
      return (await json(api("GET", `/v1/appointment/${id}/`, undefined, `Bearer ${t}`))).body.start;
    };
    try {
      expect(await at(new Date(Date.parse(occurrences.at(-1)!.start) + 60_000))).toBe(occurrences.at(-1)!.start);
      expect(await at(occurrences[0]!.start)).toBe(occurrences[0]!.start);
    } finally {
      h.clock.set(TEST_TODAY);
    }
  });

  it("PUT replaces one occurrence in full, chosen by the UTC date of start", async () => {
    const id = h.agency.shifts.find((s) => s.start > TEST_TODAY && h.agency.shifts.filter((x) => x.appointmentId === s.appointmentId).length > 2)!.appointmentId;
    const [first, second] = h.fake.store.occurrences(id).slice(-2);
    const secondBefore = structuredClone(second);
    const { tasks: _dropped, ...rest } = structuredClone(first!);
    const body = { ...rest, start: first!.start.replace("+00:00", ""), meta: { tag: [{ code: "agencyId", display: "1669" }] } };
    expect((await api("PUT", `/v1/appointment/${id}/`, body)).status).toBe(200);
    const stored = h.fake.store.appointmentOccurrence(h.fake.store.occurrenceKey(first!))!;
    expect(stored).not.toHaveProperty("tasks"); // missing in the body → removed
    expect(stored.start).toBe(first!.start); // normalized back to +00:00
    expect(h.fake.store.appointmentOccurrence(h.fake.store.occurrenceKey(second!))).toEqual(secondBefore);

    expect((await api("PUT", `/v1/appointment/${id}/`, { ...body, start: "2030-01-01T10:00:00", end: "2030-01-01T12:00:00" })).status).toBe(404);
    expect((await json(api("PUT", `/v1/appointment/${id}/`, { ...body, meta: undefined }))).body.error).toBe("'agencyId' is required.");
    expect((await json(api("PUT", `/v1/appointment/${id}/`, { ...body, caregiver: { id: "1" } }))).body.error).toBe("'caregiver' is invalid.");
  });
});

describe("EVV", () => {
  it("404s a clock-out on a non-care-log id and refuses clock-in on an open shift", async () => {
    const open = h.agency.shifts.find((s) => s.caregiverId === null && s.status === "SCHEDULED" && s.start > TEST_TODAY)!;
    expect((await api("PUT", `/v1/encounter/${open.appointmentId}/clockout/`, { period: { end: "2026-11-23T20:00:00" } })).status).toBe(404);
    const res = await json(api("POST", `/v1/encounter/${open.appointmentId}/clockin/`, { resourceType: "Encounter", period: { start: open.start.toISOString().slice(0, 19) } }));
    expect(res.status).toBe(422);
  });

  it("returns the live clock-in shape with a numeric id", async () => {
    const s = h.agency.shifts.filter((x) => x.caregiverId && x.status === "SCHEDULED" && x.start > TEST_TODAY).at(-1)!;
    const { body } = await json(api("POST", `/v1/encounter/${s.appointmentId}/clockin/`, { resourceType: "Encounter", period: { start: s.start.toISOString().slice(0, 19) } }));
    expect(body).toMatchObject({ clockedOut: false, resourceType: "Encounter", status: "IN_PROGRESS", success: true, period: { end: null } });
    expect(typeof body.id).toBe("number");
  });
});

describe("admin tasks", () => {
  const valid = () => ({
    status: "received",
    description: "Running late: Caregiver reports running late (~20 min).",
    executionDate: "2026-11-24",
    dueDate: "2026-11-24T09:00:00",
    requester: [{ resourceType: "Patient", id: Number(h.agency.clients[0]!.id) }],
    meta: { tag: [{ code: "agencyId", display: "1669" }] },
  });

  it("creates a task from the documented body and returns it on GET, integer ids intact", async () => {
    const created = await json(api("POST", "/v1/adminTasks/", { ...valid(), owner: [456] }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ resourceType: "AdminTask", id: expect.stringMatching(/^\d+$/) });
    const got = await json(api("GET", `/v1/adminTasks/${String(created.body.id)}/`));
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ resourceType: "AdminTask", id: created.body.id, ...valid(), owner: [456] });
    expect((await api("GET", "/v1/adminTasks/1/")).status).toBe(404);
  });

  it("refuses each broken field with a plain-sentence 422", async () => {
    const base = valid();
    const { description: _d, ...noDescription } = base;
    const cases: [string, unknown, string][] = [
      ["string requester id", { ...base, requester: [{ resourceType: "Patient", id: h.agency.clients[0]!.id }] }, "'requester' id must be an integer."],
      ["missing description", noDescription, "'description' is required."],
      ["blank description", { ...base, description: "  " }, "'description' is required."],
      ["executionDate not YYYY-MM-DD", { ...base, executionDate: "20261124" }, "'executionDate' must be a date in YYYY-MM-DD format."],
      ["executionDate not a calendar day", { ...base, executionDate: "2026-02-30" }, "'executionDate' must be a date in YYYY-MM-DD format."],
      ["dueDate without a time", { ...base, dueDate: "2026-11-24" }, "'dueDate' must be a datetime in YYYY-MM-DDTHH:mm:ss format."],
      ["dueDate with a space", { ...base, dueDate: "2026-11-24 09:00:00" }, "'dueDate' must be a datetime in YYYY-MM-DDTHH:mm:ss format."],
      ["unknown status", { ...base, status: "open" }, "'status' must be received or complete."],
      ["no requester", { ...base, requester: [] }, "'requester' is required."],
      ["unknown requester", { ...base, requester: [{ resourceType: "Patient", id: 1 }] }, "'requester' is invalid."],
      ["requester of another kind", { ...base, requester: [{ resourceType: "Organization", id: 1 }] }, "'requester' resourceType must be Patient or Practitioner."],
      ["string owner ids", { ...base, owner: ["456"] }, "'owner' must be a list of integer ids."],
      ["no agency tag", { ...base, meta: undefined }, "'agencyId' is required."],
      ["an array body", [base], "Request body must be a JSON object."],
    ];
    const before = h.fake.store.adminTasks.size;
    for (const [what, body, error] of cases) {
      const res = await json(api("POST", "/v1/adminTasks/", body));
      expect(res.status, what).toBe(422);
      expect(res.body.error, what).toBe(error);
    }
    expect(h.fake.store.adminTasks.size).toBe(before);
  });

  it("has no search: _search and a collection GET are unknown routes", async () => {
    for (const [method, path] of [["POST", "/v1/adminTasks/_search/"], ["GET", "/v1/adminTasks/"], ["POST", "/v1/admintasks/"]] as const) {
      const { status, body } = await json(api(method, path, method === "POST" ? {} : undefined));
      expect(status, `${method} ${path}`).toBe(403);
      expect(body.message).toMatch(/^Invalid key=value pair/);
    }
  });
});

describe("faults", () => {
  it("serves 500s as HTML and 429s with Retry-After", async () => {
    h.fake.faults.add({ kind: "http500", match: /profileTags/ });
    h.fake.faults.add({ kind: "http429", match: /profileTags/, retryAfterSeconds: 3 });
    const r500 = await api("GET", "/v1/profileTags/45/");
    expect(r500.status).toBe(500);
    expect(r500.headers.get("content-type")).toBe("text/html");
    expect(await r500.text()).toMatch(/<html>/);
    const r429 = await api("GET", "/v1/profileTags/45/");
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("3");
    expect((await api("GET", "/v1/profileTags/45/")).status).toBe(200);
    expect(h.fake.faults.pending).toBe(0);
  });

  it("drops connections without an answer", async () => {
    h.fake.faults.add({ kind: "drop", match: /profileTags/ });
    await expect(api("GET", "/v1/profileTags/45/")).rejects.toThrow(/fetch failed/);
  });
});
