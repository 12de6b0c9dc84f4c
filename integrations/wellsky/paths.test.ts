import { describe, expect, it } from "vitest";
import { WellSkyValidationError } from "./errors.js";
import { buildUrl, normalizeBaseUrl, paths, TOKEN_PATH } from "./paths.js";

describe("paths", () => {
  it("keeps the live API's exact casing, plurality and trailing slashes", () => {
    expect(paths.patients()).toBe("/v1/patients/");
    expect(paths.patient("2870130")).toBe("/v1/patients/2870130/");
    expect(paths.patientsSearch()).toBe("/v1/patients/_search/");
    expect(paths.practitioners()).toBe("/v1/practitioners/");
    expect(paths.practitionersSearch()).toBe("/v1/practitioners/_search/");
    expect(paths.practitioner(3306118)).toBe("/v1/practitioners/3306118/");
    expect(paths.appointments()).toBe("/v1/appointment/");
    expect(paths.appointment("109131818")).toBe("/v1/appointment/109131818/");
    expect(paths.encountersSearch()).toBe("/v1/encounter/_search/");
    expect(paths.clockIn("275350728")).toBe("/v1/encounter/275350728/clockin/");
    expect(paths.clockOut("798693975")).toBe("/v1/encounter/798693975/clockout/");
    expect(paths.taskLogs("798693975")).toBe("/v1/encounter/798693975/tasklog/");
    expect(paths.relatedPersons("2870130")).toBe("/v1/relatedperson/2870130/");
    expect(paths.subscriptions()).toBe("/v1/subscriptions/");
    expect(paths.subscription(789)).toBe("/v1/subscriptions/789/");
    expect(paths.profileTags()).toBe("/v1/profileTags/");
    expect(paths.profileTag("45")).toBe("/v1/profileTags/45/");
    expect(paths.adminTasks()).toBe("/v1/adminTasks/");
    expect(paths.adminTask("5521")).toBe("/v1/adminTasks/5521/");
  });

  it("keeps the one documented slash-less route verbatim", () => {
    expect(paths.locationsSearch()).toBe("/v1/locations/_search");
  });

  it("every other path ends with a slash and sits under /v1", () => {
    const built = Object.entries(paths)
      .filter(([name]) => name !== "locationsSearch")
      .map(([, fn]) => (fn as (id: string) => string)("1"));
    for (const p of built) expect(p).toMatch(/^\/v1\/.*\/$/);
  });

  it("rejects ids that would change the route", () => {
    expect(() => paths.patient("12/../34")).toThrow(WellSkyValidationError);
    expect(() => paths.appointment("abc")).toThrow(/numeric WellSky id/);
    expect(() => paths.clockIn("")).toThrow(WellSkyValidationError);
  });

  it("puts the token endpoint at the host root, not under /v1", () => {
    expect(buildUrl("https://connect.clearcareonline.com", TOKEN_PATH)).toBe("https://connect.clearcareonline.com/oauth/accesstoken");
    expect(buildUrl("https://connect.clearcareonline.com/v1/", TOKEN_PATH)).toBe("https://connect.clearcareonline.com/oauth/accesstoken");
  });

  it("normalizes the base URL without touching the path", () => {
    expect(normalizeBaseUrl("http://127.0.0.1:4010/")).toBe("http://127.0.0.1:4010");
    expect(buildUrl("http://127.0.0.1:4010/", paths.patients())).toBe("http://127.0.0.1:4010/v1/patients/");
  });

  it("writes query modifiers with a literal colon and encodes values", () => {
    const url = buildUrl("http://h", paths.patients(), { "last_name:contains": "O'Ne il", _count: 100, _page: 0, skipped: undefined, alsoSkipped: null });
    expect(url).toBe("http://h/v1/patients/?last_name:contains=O'Ne%20il&_count=100&_page=0");
  });
});
