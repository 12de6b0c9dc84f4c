import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createBodyServer } from "../../../lib/body-server.js";

/**
 * A local stand-in for the Anthropic Messages API (`POST /v1/messages`), so the real SDK can be exercised
 * end to end without a key or the network (STYLE.md §5). It answers with scripted replies in the real wire
 * shapes — messages with `tool_use` or text blocks, and the `{type:"error", error:{type, message}}` envelope
 * — and records every request it was sent. It enforces the rules that bite real callers: a key (the SDK ≥1.0
 * sends `Authorization: Bearer`, older clients `x-api-key`), `anthropic-version`, the required body fields,
 * a `tool_choice` naming a defined tool, and API version 2026-10-21's rejection of sampling parameters.
 */

/** Stop reasons the Messages API reports. */
export type FakeStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

/** One scripted reply. `delayMs` holds the response back (e.g. past the client's timeout). */
export type FakeResponse =
  /** A `tool_use` block with `input`; `name` defaults to the tool the request forced, else its first tool. */
  | { kind: "tool_use"; input: unknown; name?: string; stopReason?: FakeStopReason; delayMs?: number }
  /** A text-only reply: the model answered in prose and ignored the tool. */
  | { kind: "text"; text: string; stopReason?: FakeStopReason; delayMs?: number }
  /** An HTTP error in the API's envelope; `errorType` defaults from the status (529 → overloaded_error). */
  | { kind: "error"; status: number; errorType?: string; message?: string; retryAfterMs?: number; delayMs?: number }
  /** Holds the request for `ms`, then sends `then` (default: a short text reply). */
  | { kind: "delay"; ms: number; then?: FakeResponse };

/** The body fields the fake checks; anything else the client sends is kept as-is. */
export const FakeMessagesRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(["user", "assistant", "system"]),
        content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal("text"), text: z.string() }))]).optional(),
  tools: z
    .array(z.looseObject({ name: z.string().min(1), description: z.string().optional(), input_schema: z.looseObject({ type: z.literal("object") }) }))
    .optional(),
  tool_choice: z.looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() }).optional(),
  stream: z.boolean().optional(),
});
export type FakeMessagesRequest = z.infer<typeof FakeMessagesRequest>;

/** One request the fake received on the messages path. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The `anthropic-version` header as sent, or null. */
  anthropicVersion: string | null;
  /** How the key arrived (the key itself is not kept). */
  auth: "bearer" | "x-api-key" | null;
  /** The parsed body when it was valid JSON of the right shape, else null. */
  body: FakeMessagesRequest | null;
  /** The HTTP status the fake answered with (0 until answered). */
  status: number;
  at: Date;
}

/** Where to listen and which key to demand. */
export interface AnthropicFakeOptions {
  port?: number;
  host?: string;
  /** When set, the key must equal it; otherwise any non-empty key is accepted. */
  apiKey?: string;
}

/** A running fake: its URL, what it received, and the script of what it answers. */
export interface AnthropicFake {
  /** Origin to pass as the SDK's `baseURL`. */
  url: string;
  /** Every request to `/v1/messages`, in arrival order. */
  requests: RecordedRequest[];
  /** Queues replies; each request to `/v1/messages` that passes validation takes the next one. */
  script(responses: FakeResponse[]): void;
  /** Scripted replies not yet used. */
  readonly pending: number;
  close(): Promise<void>;
}

/** The key the fake expects when constructed with `apiKey: ANTHROPIC_FAKE_API_KEY`. */
export const ANTHROPIC_FAKE_API_KEY = "sk-ant-fake-key";

/** The version whose request validation the fake applies (what SDK 1.x sends). */
const VERSION_WITHOUT_SAMPLING = "2026-10-21";
const SAMPLING_PARAMS = ["temperature", "top_p", "top_k"] as const;

const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const ERROR_MESSAGE_BY_TYPE: Record<string, string> = {
  rate_limit_error: "Number of request tokens has exceeded your per-minute rate limit",
  api_error: "Internal server error",
  overloaded_error: "Overloaded",
  timeout_error: "Request timed out",
};

function id(prefix: string): string {
  return `${prefix}_fake${randomBytes(10).toString("hex")}`;
}

/** Starts the fake on 127.0.0.1 (port 0 = any free port). */
export async function startAnthropicFake(opts: AnthropicFakeOptions = {}): Promise<AnthropicFake> {
  const queue: FakeResponse[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createBodyServer(handle, (res, err) => {
    if (!res.headersSent) sendError(res, 500, "api_error", `anthropic fake: ${err.message}`);
  });

  function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const method = req.method ?? "GET";
    if (path !== "/v1/messages") return sendError(res, 404, "not_found_error", "Not found");

    const version = header(req, "anthropic-version");
    const auth = readAuth(req);
    const rec: RecordedRequest = { method, path, anthropicVersion: version, auth: auth?.kind ?? null, body: null, status: 0, at: new Date() };
    requests.push(rec);
    const fail = (status: number, type: string, message: string) => {
      rec.status = status;
      sendError(res, status, type, message);
    };

    if (method !== "POST") return fail(405, "invalid_request_error", `Method ${method} not allowed`);
    if (!auth) return fail(401, "authentication_error", "x-api-key header is required");
    if (opts.apiKey !== undefined && auth.key !== opts.apiKey) return fail(401, "authentication_error", "invalid x-api-key");
    if (!version) return fail(400, "invalid_request_error", "anthropic-version: header is required");

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail(400, "invalid_request_error", "There was an error parsing the body of your request");
    }
    const parsed = FakeMessagesRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(400, "invalid_request_error", `${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "invalid"}`);
    }
    const body = parsed.data;
    rec.body = body;

    if (version === VERSION_WITHOUT_SAMPLING) {
      const sampling = SAMPLING_PARAMS.find((p) => p in body);
      if (sampling) return fail(400, "invalid_request_error", `${sampling}: Extra inputs are not permitted`);
    }
    if (body.stream) return fail(400, "invalid_request_error", "anthropic fake: streaming is not supported");
    const forced = body.tool_choice?.type === "tool" ? body.tool_choice.name : undefined;
    if (forced !== undefined && !(body.tools ?? []).some((t) => t.name === forced)) {
      return fail(400, "invalid_request_error", `tool_choice.name: Tool '${forced}' not found in tools`);
    }

    const next = queue.shift();
    if (!next) return fail(500, "api_error", "anthropic fake: no scripted response left");
    respond(res, rec, body, next);
  }

  function respond(res: http.ServerResponse, rec: RecordedRequest, body: FakeMessagesRequest, scripted: FakeResponse): void {
    const r = withoutDelayWrapper(scripted);
    const send = () => {
      // The client may have timed out and hung up while we waited; writing then would only throw.
      if (res.destroyed || res.writableEnded) return;
      if (r.kind === "error") {
        rec.status = r.status;
        const type = r.errorType ?? ERROR_TYPE_BY_STATUS[r.status] ?? "api_error";
        const extra: Record<string, string> = r.retryAfterMs !== undefined ? { "retry-after-ms": String(r.retryAfterMs) } : {};
        return sendError(res, r.status, type, r.message ?? ERROR_MESSAGE_BY_TYPE[type] ?? type, extra);
      }
      rec.status = 200;
      sendJson(res, 200, message(body, r));
    };
    if (!r.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, r.delayMs);
    timers.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  /** A Messages API response object for a scripted tool_use or text reply. */
  function message(body: FakeMessagesRequest, r: Extract<FakeResponse, { kind: "tool_use" | "text" }>): Record<string, unknown> {
    const content =
      r.kind === "tool_use"
        ? [
            {
              type: "tool_use",
              id: id("toolu"),
              name: r.name ?? (body.tool_choice?.type === "tool" ? body.tool_choice.name : undefined) ?? body.tools?.[0]?.name ?? "tool",
              input: r.input,
              caller: { type: "direct" },
            },
          ]
        : [{ type: "text", text: r.text, citations: null }];
    return {
      id: id("msg"),
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: r.stopReason ?? (r.kind === "tool_use" ? "tool_use" : "end_turn"),
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        // A rough count is enough: callers only log it.
        input_tokens: Math.ceil(JSON.stringify(body).length / 4),
        output_tokens: Math.ceil(JSON.stringify(content).length / 4),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: null,
        server_tool_use: null,
        service_tier: "standard",
        inference_geo: null,
        output_tokens_details: null,
        speed: null,
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port, address } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}`,
    requests,
    script(responses) {
      queue.push(...responses);
    },
    get pending() {
      return queue.length;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

type ImmediateResponse = Exclude<FakeResponse, { kind: "delay" }>;

/** Unwraps (possibly nested) `delay` entries into the reply they delay, adding up the waits. */
function withoutDelayWrapper(r: FakeResponse, waited = 0): ImmediateResponse {
  if (r.kind !== "delay") return { ...r, delayMs: (r.delayMs ?? 0) + waited };
  return withoutDelayWrapper(r.then ?? { kind: "text", text: "(delayed)" }, waited + r.ms);
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/** The API takes the key either way; when both are present it uses x-api-key. */
function readAuth(req: http.IncomingMessage): { kind: "bearer" | "x-api-key"; key: string } | null {
  const apiKey = header(req, "x-api-key");
  if (apiKey) return { kind: "x-api-key", key: apiKey };
  const authz = header(req, "authorization");
  const bearer = authz?.startsWith("Bearer ") ? authz.slice(7).trim() : "";
  return bearer ? { kind: "bearer", key: bearer } : null;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", "request-id": id("req"), ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  const requestId = id("req");
  res.writeHead(status, { "Content-Type": "application/json", "request-id": requestId, ...headers });
  res.end(JSON.stringify({ type: "error", error: { type, message }, request_id: requestId }));
}
