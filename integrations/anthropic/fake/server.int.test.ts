import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { ANTHROPIC_FAKE_API_KEY, startAnthropicFake, type AnthropicFake } from "./server.js";

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/anthropic/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;

const TOOL = { name: "record_interpretation", input_schema: { type: "object" as const, properties: {} } };
const body = {
  model: "claude-sonnet-4-6",
  max_tokens: 100,
  messages: [{ role: "user", content: "<sms>hi</sms>" }],
  tools: [TOOL],
  tool_choice: { type: "tool", name: TOOL.name },
};

let fake: AnthropicFake;
beforeEach(async () => {
  fake = await startAnthropicFake({ apiKey: ANTHROPIC_FAKE_API_KEY });
});
afterEach(async () => {
  await fake.close();
});

async function post(headers: Record<string, string>, payload: unknown = body) {
  const res = await fetch(`${fake.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  return { status: res.status, json: (await res.json()) as { type: string; error?: { type: string; message: string }; request_id?: string } };
}
const goodHeaders = { "x-api-key": ANTHROPIC_FAKE_API_KEY, "anthropic-version": "2026-10-21" };

/** Same keys, recursively, as the fixture: the fake speaks the real wire shape. */
function keysOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(keysOf);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "input").map(([k, x]) => [k, keysOf(x)]).sort());
  return typeof v;
}

describe("Anthropic fake: request checks", () => {
  it("answers 401 in the API's error envelope when no key is sent", async () => {
    const { status, json } = await post({ "anthropic-version": "2026-10-21" });
    expect(status).toBe(401);
    expect(json).toEqual({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" }, request_id: expect.stringMatching(/^req_/) });
    expect(fake.requests[0]).toMatchObject({ status: 401, auth: null, body: null });
  });

  it("answers 401 for a wrong key, whether sent as x-api-key or Bearer", async () => {
    expect((await post({ "x-api-key": "nope", "anthropic-version": "2026-10-21" })).status).toBe(401);
    expect((await post({ authorization: "Bearer nope", "anthropic-version": "2026-10-21" })).status).toBe(401);
  });

  it("answers 400 when anthropic-version is missing", async () => {
    const { status, json } = await post({ "x-api-key": ANTHROPIC_FAKE_API_KEY });
    expect(status).toBe(400);
    expect(json.error).toEqual({ type: "invalid_request_error", message: "anthropic-version: header is required" });
  });

  it("rejects sampling parameters under API version 2026-10-21, as the real API does", async () => {
    const { status, json } = await post(goodHeaders, { ...body, temperature: 0 });
    expect(status).toBe(400);
    expect(json.error).toEqual({ type: "invalid_request_error", message: "temperature: Extra inputs are not permitted" });
  });

  it("rejects a body without required fields, invalid JSON, and a tool_choice naming no defined tool", async () => {
    expect((await post(goodHeaders, { ...body, max_tokens: undefined })).status).toBe(400);
    expect((await post(goodHeaders, "{not json")).status).toBe(400);
    const { status, json } = await post(goodHeaders, { ...body, tool_choice: { type: "tool", name: "get_everything" } });
    expect(status).toBe(400);
    expect(json.error?.message).toBe("tool_choice.name: Tool 'get_everything' not found in tools");
  });

  it("answers 500 when no response was scripted, so a missing script is loud", async () => {
    const { status, json } = await post(goodHeaders);
    expect(status).toBe(500);
    expect(json.error?.message).toContain("no scripted response");
  });

  it("answers 404 for other paths", async () => {
    const res = await fetch(`${fake.url}/v1/complete`, { method: "POST", headers: goodHeaders, body: "{}" });
    expect(res.status).toBe(404);
  });
});

describe("Anthropic fake: scripted replies", () => {
  it("answers a tool_use in the shape of a real message", async () => {
    fake.script([{ kind: "tool_use", input: { intent: "offer_accept" } }]);
    const { status, json } = await post(goodHeaders);
    expect(status).toBe(200);
    expect(keysOf(json)).toEqual(keysOf(fixture("message-tool-use.json")));
    expect(json).toMatchObject({ type: "message", role: "assistant", model: body.model, stop_reason: "tool_use" });
    expect((json as unknown as { content: unknown[] }).content).toEqual([
      { type: "tool_use", id: expect.stringMatching(/^toolu_/), name: TOOL.name, input: { intent: "offer_accept" }, caller: { type: "direct" } },
    ]);
  });

  it("answers errors in the shape of a real error, with the status's error type", async () => {
    fake.script([{ kind: "error", status: 529 }]);
    const { status, json } = await post(goodHeaders);
    expect(status).toBe(529);
    expect(keysOf(json)).toEqual(keysOf(fixture("error-overloaded.json")));
    expect(json.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
  });

  it("serves the real SDK: parsed message, Bearer auth, the SDK's API version, recorded body", async () => {
    const client = new Anthropic({ apiKey: ANTHROPIC_FAKE_API_KEY, baseURL: fake.url, maxRetries: 0 });
    fake.script([{ kind: "text", text: "I can't help with that." }, { kind: "error", status: 429, message: "slow down" }]);

    const msg = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user", content: "hi" }] });
    expect(msg.content).toEqual([{ type: "text", text: "I can't help with that.", citations: null }]);
    expect(msg.stop_reason).toBe("end_turn");

    const err = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 429, type: "rate_limit_error", apiMessage: "slow down" });

    expect(fake.requests.map((r) => [r.auth, r.anthropicVersion, r.status])).toEqual([
      ["bearer", "2026-10-21", 200],
      ["bearer", "2026-10-21", 429],
    ]);
    expect(fake.requests[0]!.body).toMatchObject({ model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user", content: "hi" }] });
  });

  it("holds a delayed reply back for the given time", async () => {
    fake.script([{ kind: "delay", ms: 200, then: { kind: "text", text: "late" } }]);
    const started = Date.now();
    const { status } = await post(goodHeaders);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it("closes promptly with a delayed reply still pending", async () => {
    fake.script([{ kind: "delay", ms: 10_000 }]);
    const pending = post(goodHeaders).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
    fake = await startAnthropicFake(); // afterEach closes whatever is current
  });
});
