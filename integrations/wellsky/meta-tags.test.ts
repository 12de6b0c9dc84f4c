import { describe, expect, it } from "vitest";
import { isClient, isHired, parseTagBool, profileTagIds, statusId, tagValue, withAgencyTag } from "./meta-tags.js";
import { WsPatient } from "./schemas.js";

const patient = (tags: { code: string; display: unknown }[]) => WsPatient.parse({ id: 1, meta: { tag: tags } });

describe("meta.tag parsing", () => {
  it("reads flags whatever the live API's spelling", () => {
    expect(isClient(patient([{ code: "isClient", display: "True" }]))).toBe(true);
    expect(isClient(patient([{ code: "isClient", display: "true" }]))).toBe(true);
    expect(isClient(patient([{ code: "isClient", display: "False" }]))).toBe(false);
    expect(isClient(patient([{ code: "isClient", display: true }]))).toBe(true);
    expect(isClient(patient([{ code: "isClient", display: "None" }]))).toBeNull();
    expect(isClient(patient([]))).toBeNull();
    expect(isHired(patient([{ code: "ishired", display: "TRUE" }]))).toBe(true);
  });

  it("keeps status as a string with a numeric view; 'None' is no status", () => {
    const p = patient([{ code: "status", display: "80" }]);
    expect(tagValue(p, "status")).toBe("80");
    expect(statusId(p)).toBe(80);
    expect(statusId(patient([{ code: "status", display: "None" }]))).toBeNull();
    expect(statusId(patient([{ code: "status", display: 100 }]))).toBe(100);
    expect(statusId(patient([{ code: "status", display: null }]))).toBeNull();
  });

  it("parses booleans strictly", () => {
    expect(parseTagBool(" yes ")).toBe(true);
    expect(parseTagBool("0")).toBe(false);
    expect(parseTagBool("maybe")).toBeNull();
    expect(parseTagBool(undefined)).toBeNull();
  });

  it("splits the comma-joined profileTags ids, ignoring junk", () => {
    expect(profileTagIds(patient([{ code: "profileTags", display: "45, 67,,89,abc" }]))).toEqual(["45", "67", "89"]);
    expect(profileTagIds(patient([]))).toEqual([]);
  });

  it("sets the agencyId tag once, replacing a stale one", () => {
    const tagged = withAgencyTag({ meta: { tag: [{ code: "agencyId", display: "1" }, { code: "status", display: "80" }] } }, "1669");
    expect(tagged.meta.tag).toEqual([
      { code: "status", display: "80" },
      { code: "agencyId", display: "1669" },
    ]);
    expect(withAgencyTag({ id: "5" }, "1669").meta.tag).toEqual([{ code: "agencyId", display: "1669" }]);
  });
});
