import { describe, expect, it } from "vitest";
import { fixtureText } from "../../test/fixtures/read.js";
import { signSlackRequest, verifySlackSignature } from "./verify.js";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const rawBody = fixtureText("slack/slash-fill.txt");
const now = new Date("2026-11-23T16:00:00Z");
const ts = String(Math.floor(now.getTime() / 1000));

function check(overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) {
  const timestamp = overrides.timestamp ?? ts;
  const signature = overrides.signature ?? signSlackRequest({ rawBody, timestamp: String(timestamp), signingSecret: secret });
  return verifySlackSignature({ rawBody, timestamp, signature, signingSecret: secret, now, ...overrides });
}

describe("verifySlackSignature", () => {
  it("accepts a request signed as Slack signs it", () => {
    expect(check()).toEqual({ ok: true });
  });

  it("matches Slack's documented example signature", () => {
    // api.slack.com/authentication/verifying-requests-from-slack worked example.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const r = verifySlackSignature({
      rawBody: body,
      timestamp: "1531420618",
      signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      now: new Date(1531420618 * 1000),
    });
    expect(r).toEqual({ ok: true });
  });

  it("accepts skew inside the 5-minute window both ways", () => {
    expect(check({ timestamp: String(Number(ts) - 299) })).toEqual({ ok: true });
    expect(check({ timestamp: String(Number(ts) + 299) })).toEqual({ ok: true });
  });

  it("rejects a stale timestamp (replay of an old captured request)", () => {
    expect(check({ timestamp: String(Number(ts) - 301) })).toEqual({ ok: false, reason: "stale" });
  });

  it("rejects a timestamp from the future", () => {
    expect(check({ timestamp: String(Number(ts) + 301) })).toEqual({ ok: false, reason: "future" });
  });

  it("rejects a signature made with another secret", () => {
    const signature = signSlackRequest({ rawBody, timestamp: ts, signingSecret: "not-the-secret" });
    expect(check({ signature })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a tampered body", () => {
    const signature = signSlackRequest({ rawBody, timestamp: ts, signingSecret: secret });
    expect(verifySlackSignature({ rawBody: rawBody.replace("4821", "4822"), timestamp: ts, signature, signingSecret: secret, now })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects a signature moved to another timestamp", () => {
    const signature = signSlackRequest({ rawBody, timestamp: String(Number(ts) - 10), signingSecret: secret });
    expect(check({ signature })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects missing headers and malformed values without throwing", () => {
    expect(verifySlackSignature({ rawBody, timestamp: undefined, signature: "v0=ab", signingSecret: secret, now })).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySlackSignature({ rawBody, timestamp: ts, signature: null, signingSecret: secret, now })).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySlackSignature({ rawBody, timestamp: ts, signature: "v0=ab", signingSecret: "", now })).toEqual({ ok: false, reason: "missing_headers" });
    expect(check({ timestamp: "12ab" })).toEqual({ ok: false, reason: "malformed_timestamp" });
    expect(check({ signature: "v1=" + "a".repeat(64) })).toEqual({ ok: false, reason: "malformed_signature" });
    expect(check({ signature: "v0=" + "a".repeat(63) })).toEqual({ ok: false, reason: "malformed_signature" });
  });
});
