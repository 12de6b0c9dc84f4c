import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createBodyServer } from "../../../lib/body-server.js";

/**
 * A local stand-in for the parts of the RingCentral REST API Coverline uses, speaking the wire format the
 * official SDK expects (channels-platform.md §1): JWT-bearer token grant with Basic client auth, token refresh,
 * the SMS endpoint, message-store reads and attachment content. Used by integration tests and local runs
 * without credentials.
 */

export interface FakeSentSms {
  id: string;
  from: string;
  to: string[];
  text: string;
  at: Date;
}

export interface RingCentralFakeOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** When set, the JWT assertion must equal it; otherwise any non-empty assertion logs in. */
  jwt?: string;
  /** When set, SMS may only be sent from these numbers (RingCentral: numbers owned by the JWT user). */
  ownedNumbers?: string[];
}

export interface RingCentralFake {
  /** Base URL to pass as the SDK `server`. */
  url: string;
  /** SMS accepted by the fake, in order. */
  sent: FakeSentSms[];
  /** Successful token grants (JWT logins, not refreshes). */
  readonly logins: number;
  /** Every request (method + path) seen, for assertions about what was called. */
  requests: { method: string; path: string; at: number }[];
  /** Serves `text` as text/plain at the path of `uri` (absolute or relative), like an AudioTranscription attachment. */
  addTranscript(uri: string, text: string): void;
  /** Serves `record` at GET …/extension/~/message-store/{id}. */
  addMessage(record: { id: string } & Record<string, unknown>): void;
  /** The next `n` API calls (not token calls) fail with `status`; 429s carry Retry-After `retryAfterSeconds` (default 1). */
  failNext(status: number, n?: number, opts?: { retryAfterSeconds?: number | null }): void;
  close(): Promise<void>;
}

/** Credentials the fake accepts unless told otherwise. */
export const RINGCENTRAL_FAKE_CLIENT_ID = "fake-rc-client-id";
export const RINGCENTRAL_FAKE_CLIENT_SECRET = "fake-rc-client-secret";
const SMS_PATH = /^\/restapi\/v1\.0\/account\/~\/extension\/~\/sms$/;
const MESSAGE_PATH = /^\/restapi\/v1\.0\/account\/~\/extension\/~\/message-store\/(\d+)$/;

/** Starts the fake on 127.0.0.1 (port 0 = any free port). */
export async function startRingCentralFake(opts: RingCentralFakeOptions = {}): Promise<RingCentralFake> {
  const clientId = opts.clientId ?? RINGCENTRAL_FAKE_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? RINGCENTRAL_FAKE_CLIENT_SECRET;
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const transcripts = new Map<string, string>();
  const messages = new Map<string, Record<string, unknown>>();
  const sent: FakeSentSms[] = [];
  const requests: RingCentralFake["requests"] = [];
  let failures: { status: number; remaining: number; retryAfterSeconds: number | null } | null = null;
  let logins = 0;
  let nextId = 3_062_991_600_000;

  const server = createBodyServer(handle, (res, err) => send(res, 500, { errorCode: "CMN-500", message: `fake error: ${err.message}` }));

  function handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    requests.push({ method, path: url.pathname, at: Date.now() });

    if (method === "POST" && url.pathname === "/restapi/oauth/token") return token(req, body, res);
    if (method === "POST" && url.pathname === "/restapi/oauth/revoke") return send(res, 200, {});

    // The SDK sends `${token_type} ${access_token}` = "bearer …"; auth schemes are case-insensitive.
    const auth = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const bearer = auth?.[1] ?? "";
    if (!accessTokens.has(bearer)) {
      return send(res, 401, { errorCode: "AGW-401", message: "Authorization header is not specified or the token is invalid", errors: [{ errorCode: "AGW-401" }] });
    }
    if (failures && failures.remaining > 0) {
      failures.remaining--;
      const f = failures;
      if (f.status === 429) {
        const headers: Record<string, string> = { "X-Rate-Limit-Group": "Medium", "X-Rate-Limit-Limit": "40", "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Window": "60" };
        if (f.retryAfterSeconds !== null) headers["Retry-After"] = String(f.retryAfterSeconds);
        return send(res, 429, { errorCode: "CMN-301", message: "Request rate exceeded", errors: [{ errorCode: "CMN-301", message: "Request rate exceeded" }] }, headers);
      }
      return send(res, f.status, { errorCode: "CMN-211", message: "Service temporarily unavailable", errors: [{ errorCode: "CMN-211" }] });
    }

    if (method === "POST" && SMS_PATH.test(url.pathname)) return sms(body, res);
    const m = MESSAGE_PATH.exec(url.pathname);
    if (method === "GET" && m) {
      const rec = messages.get(m[1]!);
      return rec ? send(res, 200, rec) : send(res, 404, { errorCode: "MSG-333", message: "Message not found" });
    }
    const t = transcripts.get(url.pathname);
    if (method === "GET" && t !== undefined) {
      res.writeHead(200, { "Content-Type": "text/plain;charset=utf-8" });
      res.end(t);
      return;
    }
    send(res, 404, { errorCode: "CMN-102", message: `Resource for parameter [${url.pathname}] is not found` });
  }

  function token(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const expected = "Basic " + Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
    if (req.headers.authorization !== expected) {
      return send(res, 401, { error: "invalid_client", error_description: "Invalid client", errors: [{ errorCode: "OAU-123", message: "Invalid client" }] });
    }
    const form = new URLSearchParams(body);
    const grant = form.get("grant_type");
    if (grant === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      const assertion = form.get("assertion") ?? "";
      if (!assertion || (opts.jwt !== undefined && assertion !== opts.jwt)) {
        return send(res, 400, { error: "invalid_grant", error_description: "Invalid token", errors: [{ errorCode: "OAU-213", message: "Invalid token" }] });
      }
      logins++;
      return issue(res);
    }
    if (grant === "refresh_token") {
      const rt = form.get("refresh_token") ?? "";
      if (!refreshTokens.delete(rt)) return send(res, 400, { error: "invalid_grant", error_description: "Token not found", errors: [{ errorCode: "OAU-211" }] });
      return issue(res);
    }
    send(res, 400, { error: "unsupported_grant_type", error_description: `Unsupported grant type ${grant}`, errors: [{ errorCode: "OAU-250" }] });
  }

  function issue(res: http.ServerResponse): void {
    const access = `fake-at-${randomBytes(12).toString("hex")}`;
    const refresh = `fake-rt-${randomBytes(12).toString("hex")}`;
    accessTokens.add(access);
    refreshTokens.add(refresh);
    send(res, 200, {
      access_token: access,
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: refresh,
      refresh_token_expires_in: 604800,
      scope: "SMS ReadMessages",
      owner_id: "629893001",
      endpoint_id: "fake-endpoint",
    });
  }

  function sms(body: string, res: http.ServerResponse): void {
    let req: { from?: { phoneNumber?: unknown }; to?: { phoneNumber?: unknown }[]; text?: unknown };
    try {
      req = JSON.parse(body) as typeof req;
    } catch {
      return send(res, 400, { errorCode: "CMN-101", message: "Request body is not valid JSON" });
    }
    const from = req.from?.phoneNumber;
    const to = Array.isArray(req.to) ? req.to.map((t) => t?.phoneNumber) : [];
    if (typeof from !== "string" || !from) return send(res, 400, { errorCode: "CMN-101", message: "Parameter [from] value is invalid" });
    if (opts.ownedNumbers && !opts.ownedNumbers.includes(from)) {
      return send(res, 400, { errorCode: "FeatureNotAvailable", message: "Phone number doesn't belong to extension" });
    }
    if (to.length === 0 || to.length > 10 || to.some((t) => typeof t !== "string" || !/^\+\d{8,15}$/.test(t))) {
      return send(res, 400, { errorCode: "CMN-101", message: "Parameter [to] value is invalid" });
    }
    if (typeof req.text !== "string" || req.text.length === 0 || req.text.length > 1000) {
      return send(res, 400, { errorCode: "CMN-101", message: "Parameter [text] value is invalid" });
    }
    const id = String(nextId++);
    const now = new Date();
    sent.push({ id, from, to: to as string[], text: req.text, at: now });
    send(res, 200, {
      uri: `/restapi/v1.0/account/~/extension/~/message-store/${id}`,
      id,
      to: (to as string[]).map((phoneNumber) => ({ phoneNumber })),
      from: { phoneNumber: from },
      type: "SMS",
      creationTime: now.toISOString(),
      readStatus: "Read",
      priority: "Normal",
      attachments: [{ id, type: "Text", contentType: "text/plain" }],
      direction: "Outbound",
      availability: "Alive",
      subject: req.text,
      messageStatus: "Queued",
      lastModifiedTime: now.toISOString(),
    });
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${opts.host ?? "127.0.0.1"}:${port}`;

  return {
    url: base,
    sent,
    requests,
    get logins() {
      return logins;
    },
    addTranscript(uri, text) {
      transcripts.set(new URL(uri, base).pathname, text);
    },
    addMessage(record) {
      messages.set(String(record.id), record);
    },
    failNext(status, n = 1, o = {}) {
      failures = { status, remaining: n, retryAfterSeconds: o.retryAfterSeconds === undefined ? 1 : o.retryAfterSeconds };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json;charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
