import { describe, expect, it } from "vitest";
import { parseBundle, TokenResponse, WsAppointment, WsPatient, WsPractitioner, WsSubscription, WsTaskLog } from "./schemas.js";

describe("wire schemas", () => {
  it("coerces ids that arrive as numbers to strings", () => {
    expect(WsPatient.parse({ resourceType: "Patient", id: 2870130 }).id).toBe("2870130");
    expect(WsSubscription.parse({ id: 789, criteria: "patient.created", channel: { endpoint: "https://x" } }).id).toBe("789");
    expect(WsTaskLog.parse({ id: 4124449533 }).id).toBe("4124449533");
  });

  it("parses the live token answer with a string expires_in", () => {
    const t = TokenResponse.parse({ token_type: "BearerToken", access_token: "2f46b3ff", expires_in: "3599", issued_at: 1769754192, status: "approved" });
    expect(t.expires_in).toBe(3599);
    expect(TokenResponse.safeParse({ access_token: "x", expires_in: "0" }).success).toBe(false);
  });

  it("reads Bundles with wrapped or bare entries and totalRecords or total", () => {
    const wrapped = parseBundle({ resourceType: "Bundle", totalRecords: 235, entry: [{ resource: { id: "1" } }, { resource: { id: 2 } }] }, WsPatient);
    expect(wrapped.entries.map((p) => p.id)).toEqual(["1", "2"]);
    expect(wrapped.total).toBe(235);
    const bare = parseBundle({ resourceType: "Bundle", total: "2", entry: [{ resourceType: "Patient", id: "3" }] }, WsPatient);
    expect(bare.entries[0]!.id).toBe("3");
    expect(bare.total).toBe(2);
    const none = parseBundle({ resourceType: "Bundle" }, WsPatient);
    expect(none).toEqual({ entries: [], total: null });
  });

  it("accepts an open shift as caregiver null, missing, {} or {id:null}", () => {
    const base = { id: "1", client: { id: "2" }, start: "2026-01-01T14:00:00+00:00", end: "2026-01-01T18:00:00+00:00" };
    for (const caregiver of [null, undefined, {}, { id: null }, { id: "" }]) {
      expect(WsAppointment.parse({ ...base, caregiver }).caregiver).toBeNull();
    }
    expect(WsAppointment.parse({ ...base, caregiver: { id: 3306118 } }).caregiver).toEqual({ id: "3306118" });
  });

  it("keeps unmodelled appointment fields, so a full-replacement PUT does not drop them", () => {
    const a = WsAppointment.parse({ id: "1", client: { id: "2" }, start: "s", end: "e", isRecurring: true, rates: { bill: 30 } });
    expect(a).toMatchObject({ isRecurring: true, rates: { bill: 30 }, status: "SCHEDULED" });
  });

  it("drops a practitioner's SSN on parse", () => {
    const p = WsPractitioner.parse({ id: "9", ssn: "123-45-6789", name: [{ family: "Lopez", given: ["Maria"] }] });
    expect(p).not.toHaveProperty("ssn");
    expect(p.name[0]!.family).toBe("Lopez");
  });

  it("accepts a single header line on a subscription", () => {
    const s = WsSubscription.parse({ id: 1, criteria: "encounter.clockout.changed", channel: { endpoint: "https://x", header: "Authorization: Bearer s" } });
    expect(s.channel.header).toEqual(["Authorization: Bearer s"]);
  });
});
