import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../domain/types.js";
import { renderSms } from "./index.js";

const ctx = { agencyName: "Colorado Care Assist", officePhone: "+13035550100", timezone: "America/Denver", now: new Date("2026-11-24T15:50:00Z") };
const eta = new Date("2026-11-24T16:10:00Z");

describe("running_late_ack says the family is told only when it is", () => {
  it.each(LANGUAGES)("%s", (lang) => {
    const told = renderSms("running_late_ack", lang, { firstName: "Ana", clientFirstName: "Margaret", eta, familyTold: true }, ctx);
    const notTold = renderSms("running_late_ack", lang, { firstName: "Ana", clientFirstName: "Margaret", eta, familyTold: false }, ctx);
    expect(told).toContain("Margaret");
    expect(notTold).not.toContain("Margaret");
    expect(notTold).not.toBe(told);
  });
});
