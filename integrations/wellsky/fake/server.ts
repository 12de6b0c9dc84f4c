import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "../../../lib/clock.js";
import { TOKEN_PATH } from "../paths.js";
import { Faults } from "./faults.js";
import { buildRoster } from "./roster.js";
import { buildRoutes, NOT_SIMULATED, type FakeRequest, type FakeResponse } from "./routes.js";
import type { SeedAgency } from "./seed.js";
import { FakeStore, type DeliveryRecord } from "./store.js";
import { WebhookEmitter } from "./webhooks.js";

/** Where the stand-in serves the seeded roster (fake only; the real API has no such path). */
const HTML_500: FakeResponse = {
  status: 500,
  body: "<html><head><title>500 Internal Server Error</title></head><body><h1>Server Error (500)</h1></body></html>",
  headers: { "Content-Type": "text/html" },
};

export const DEV_ROSTER_PATH = "/_dev/roster";
/** Requests kept in `store.requests` (the log tests read); older ones are dropped in batches. */
const MAX_RECORDED_REQUESTS = 50_000;
/** Lifetime of issued tokens, as the live token endpoint states it ("3599"). */
const TOKEN_LIFETIME_SECONDS = 3599;
/** Request bodies above this are refused; nothing legitimate comes close. */
const MAX_BODY_BYTES = 1_000_000;

export interface WellSkyFakeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  agency: SeedAgency;
  clientId?: string;
  clientSecret?: string;
  /** Drives token expiry, "nearest occurrence" and default clock-in/out times. */
  clock?: Clock;
}

export interface WellSkyFake {
  /** Host root, e.g. `http://127.0.0.1:4010` — pass as the client's `baseUrl`. */
  url: string;
  port: number;
  close(): Promise<void>;
  faults: Faults;
  store: FakeStore;
  /** Delivers a webhook for `criteria` to every matching subscription. */
  emit(criteria: string, resource: { resourceType: string; id: string | number }): Promise<DeliveryRecord[]>;
  /** Waits for webhook deliveries the server started on its own (clock-out). */
  flushWebhooks(): Promise<void>;
}

/**
 * Starts a local stand-in for WellSky Connect that enforces the live API's rules (reference §3, §12.5):
 * token required, exact paths or the API Gateway's misleading 403, `_count` ≤ 100, 0-based `_page`,
 * appointment-search rules, full-replacement PUT, idempotent clock-in, webhooks with registered headers.
 */
export async function startWellSkyFake(opts: WellSkyFakeOptions): Promise<WellSkyFake> {
  const clock = opts.clock ?? systemClock;
  const clientId = opts.clientId ?? "dev-client";
  const clientSecret = opts.clientSecret ?? "dev-secret";
  const store = new FakeStore(opts.agency);
  const faults = new Faults();
  const webhooks = new WebhookEmitter(store, clock);
  const routes = buildRoutes({ store, webhooks });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const record = { at: clock.now(), method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 } as FakeStore["requests"][number];
    store.requests.push(record);
    // A dev server runs for days: keep the newest requests only (tests read far fewer).
    if (store.requests.length > 2 * MAX_RECORDED_REQUESTS) store.requests.splice(0, store.requests.length - MAX_RECORDED_REQUESTS);

    const raw = await readBody(req);
    const fault = faults.take(url.pathname, method);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === "drop") {
      record.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "latency") await new Promise((r) => setTimeout(r, fault.ms ?? 200));
    // The live API's 500s come from the web tier as HTML, not JSON.
    if (fault?.kind === "http500") return send(res, record, HTML_500);
    if (fault?.kind === "http429") {
      return send(res, record, { status: 429, body: { message: "Too Many Requests" }, headers: { "Retry-After": String(fault.retryAfterSeconds ?? 1) } });
    }

    if (raw === null) return send(res, record, { status: 413, body: { message: "Request Entity Too Large" } });

    if (url.pathname === TOKEN_PATH && method === "POST") return send(res, record, issueToken(raw, req.headers["content-type"]));
    // Not a WellSky path: the seeded roster, for Coverline workers sharing a stand-in another process hosts.
    if (url.pathname === DEV_ROSTER_PATH && method === "GET") return send(res, record, { status: 200, body: buildRoster(store, opts.agency, clock.now(), opts.agency.timezone) });

    const match = routes.map((r) => ({ r, m: r.method === method ? r.pattern.exec(url.pathname) : null })).find((x) => x.m);
    const notSimulated = NOT_SIMULATED.some((r) => r.method === method && r.pattern.test(url.pathname));
    if (!match && !notSimulated) return send(res, record, gatewayMiss(req.headers.authorization));

    const authError = checkToken(req.headers.authorization);
    if (authError) return send(res, record, authError);
    if (!match) return send(res, record, { status: 501, body: { message: `Not simulated by the WellSky stand-in: ${method} ${url.pathname}` } });

    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, record, { status: 400, body: { error: "Request body is not valid JSON." } });
    }
    const fakeReq: FakeRequest = { method, path: url.pathname, query: url.searchParams, body, now: clock.now() };
    const answer = await match.r.handler(fakeReq, match.m!.slice(1));
    send(res, record, fault?.kind === "http500AfterWrite" ? HTML_500 : answer);
  }

  /** client_credentials grant, JSON or form-encoded; answers exactly like the live (Apigee-style) endpoint. */
  function issueToken(raw: string, contentType: string | undefined): FakeResponse {
    let fields: Record<string, string> = {};
    try {
      fields = contentType?.includes("application/x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw || "{}") as Record<string, string>);
    } catch {
      return { status: 400, body: { ErrorCode: "invalid_request", Error: "Invalid request body" } };
    }
    if (fields.grant_type !== "client_credentials") return { status: 400, body: { ErrorCode: "invalid_request", Error: `Unsupported grant type : ${fields.grant_type ?? ""}` } };
    if (fields.client_id !== clientId || fields.client_secret !== clientSecret) return { status: 401, body: { ErrorCode: "invalid_client", Error: "ClientId is Invalid" } };
    const token = randomBytes(16).toString("hex");
    const now = clock.now().getTime();
    store.tokens.set(token, now + TOKEN_LIFETIME_SECONDS * 1000);
    return {
      status: 200,
      body: {
        refresh_token_expires_in: "0",
        token_type: "BearerToken",
        issued_at: Math.floor(now / 1000),
        client_id: clientId,
        access_token: token,
        scope: "",
        expires_in: String(TOKEN_LIFETIME_SECONDS),
        refresh_count: "0",
        status: "approved",
      },
    };
  }

  /** `Bearer <token>` only (`BearerToken <t>` fails live even though token_type says so). */
  function checkToken(header: string | undefined): FakeResponse | null {
    const token = /^Bearer (\S+)$/.exec(header ?? "")?.[1];
    const expiresAt = token ? store.tokens.get(token) : undefined;
    if (expiresAt === undefined || expiresAt <= clock.now().getTime()) return { status: 401, body: { message: "Unauthorized" } };
    return null;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`stand-in error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    faults,
    store,
    emit: (criteria, resource) => webhooks.emit(criteria, resource),
    flushWebhooks: () => webhooks.flush(),
    async close() {
      await webhooks.flush();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/**
 * API Gateway's answer to a route it does not have: 403, and — when an Authorization header is present — a
 * complaint about that header (its SHA-256, base64), which is why a wrong path looks like bad auth.
 */
export function gatewayMiss(authorization: string | undefined): FakeResponse {
  if (!authorization) return { status: 403, body: { message: "Missing Authentication Token" } };
  const b64 = createHash("sha256").update(authorization).digest("base64");
  return { status: 403, body: { message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${b64}'.` } };
}

function send(res: ServerResponse, record: { status: number }, r: FakeResponse): void {
  record.status = r.status;
  const isText = typeof r.body === "string";
  const payload = r.body === undefined ? "" : isText ? (r.body as string) : JSON.stringify(r.body);
  res.writeHead(r.status, { ...(r.body === undefined ? {} : { "Content-Type": "application/json" }), ...r.headers });
  res.end(payload);
}

/** Reads the body as text; null when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
