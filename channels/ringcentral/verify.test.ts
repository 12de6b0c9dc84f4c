import { describe, expect, it } from "vitest";
import { ringCentralHandshake, verifyRingCentralToken } from "./verify.js";

describe("verifyRingCentralToken", () => {
  const expected = "dev-verification-token";

  it("accepts the configured token", () => {
    expect(verifyRingCentralToken(expected, expected)).toBe(true);
  });

  it("rejects a wrong, missing or length-differing token", () => {
    expect(verifyRingCentralToken("dev-verification-tokem", expected)).toBe(false);
    expect(verifyRingCentralToken("dev", expected)).toBe(false);
    expect(verifyRingCentralToken(`${expected}x`, expected)).toBe(false);
    expect(verifyRingCentralToken(undefined, expected)).toBe(false);
    expect(verifyRingCentralToken("", expected)).toBe(false);
  });

  it("never accepts when no token is configured", () => {
    expect(verifyRingCentralToken("", "")).toBe(false);
  });
});

describe("ringCentralHandshake", () => {
  it("echoes Validation-Token with a JSON content type", () => {
    expect(ringCentralHandshake("6f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8")).toEqual({
      status: 200,
      headers: { "Validation-Token": "6f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8", "Content-Type": "application/json" },
    });
  });

  it("is not a handshake without the header", () => {
    expect(ringCentralHandshake(undefined)).toBeNull();
    expect(ringCentralHandshake("")).toBeNull();
  });

  it("refuses to reflect header-injection attempts", () => {
    expect(ringCentralHandshake("abc\r\nSet-Cookie: x=1")).toBeNull();
    expect(ringCentralHandshake("a".repeat(600))).toBeNull();
  });
});
