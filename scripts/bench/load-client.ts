import { Worker } from "node:worker_threads";
import { ringCentralSmsNotification } from "../../evals/ringcentral-sms.js";

/** One message to post: sender phone, text, and the label it is reported under. */
export interface Planned {
  phone: string;
  text: string;
  kind: string;
}

/** What the server said about a turn, from its `turn` / `turn failed` log line. */
export interface TurnLog {
  at: number;
  intent?: string;
  outcome?: string;
  failed?: boolean;
}

export interface Result {
  phone: string;
  kind: string;
  postedAt: number;
  /** POST → turn logged; null when the turn was lost (no log line within the timeout) or never accepted. */
  ms: number | null;
  status: number;
  turn: TurnLog | null;
}

export interface LoadOptions {
  /** `http://127.0.0.1:<port>/webhooks/ringcentral` */
  url: string;
  /** RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN the server was started with. */
  token: string;
  officePhone: string;
  plan: Planned[];
  concurrency: number;
  /** Server clock minus wall clock: message timestamps are written on the server's clock. */
  clockOffsetMs: number;
  timeoutMs: number;
  /** Resolves when the server logs the turn of inbound row `id` (null: lost after the timeout). */
  turnDone(id: number): Promise<TurnLog | null>;
  /** Rejects when the server dies: the run stops at once. */
  died: Promise<never>;
}

/**
 * The HTTP client runs in a worker thread, so building and posting requests does not compete with the bench's
 * log reading. Plain JS: the worker needs no TypeScript loader. Each of the `concurrency` slots waits for its
 * turn to be processed before posting the next message.
 */
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const { randomUUID } = require("node:crypto");
const http = require("node:http");
// node:http: far less CPU per request than fetch (undici), and this CPU is taken from the server's cores. One
// connection per request, as webhook deliveries arrive: with keep-alive the few reused sockets would pin most
// requests to one cluster worker (the primary balances connections, not requests).
const agent = new http.Agent({ keepAlive: false });
function post(url, headers, payload, timeoutMs) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(payload) }, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(payload);
  });
}
const { url, token, officePhone, plan, concurrency, clockOffsetMs, template, timeoutMs } = workerData;
const now = () => performance.timeOrigin + performance.now();
function body(from, text) {
  const n = JSON.parse(template);
  const id = randomUUID();
  const at = new Date(Date.now() + clockOffsetMs).toISOString();
  n.uuid = "n-" + id;
  n.timestamp = at;
  Object.assign(n.body, { id, from: { phoneNumber: from }, creationTime: at, lastModifiedTime: at, subject: text, conversation: { id: "c-" + from } });
  n.body.to = [{ ...n.body.to[0], phoneNumber: officePhone }];
  n.body.attachments = [{ ...n.body.attachments[0], id }];
  return JSON.stringify(n);
}
// Closed loop: a slot posts its next message only when the server has finished the previous turn.
const finished = new Map();
parentPort.on("message", (i) => { finished.get(i)?.(); finished.delete(i); });
const turnDone = (i) => new Promise((r) => finished.set(i, r));
let next = 0;
async function worker() {
  while (next < plan.length) {
    const i = next++;
    const m = plan[i];
    const postedAt = now();
    try {
      const res = await post(url, { "content-type": "application/json", "verification-token": token }, body(m.phone, m.text), timeoutMs);
      const b = JSON.parse(res.body);
      const id = b.status === "accepted" ? b.id : null;
      const done = id === null ? null : turnDone(i);
      parentPort.postMessage({ i, postedAt, status: res.status, id });
      await done;
    } catch (err) {
      parentPort.postMessage({ i, postedAt, status: 0, id: null });
    }
  }
}
Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker)).then(() => parentPort.postMessage({ done: true }));
`;

/** Posts `plan` closed-loop; resolves with one result per message once every turn is done or lost. */
export async function runLoad(o: LoadOptions): Promise<Result[]> {
  const template = JSON.stringify(ringCentralSmsNotification("+10000000000", o.officePhone, "", "template"));
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: { url: o.url, token: o.token, officePhone: o.officePhone, plan: o.plan, concurrency: o.concurrency, clockOffsetMs: o.clockOffsetMs, template, timeoutMs: o.timeoutMs },
  });
  const pending: Promise<Result>[] = [];
  try {
    const finished = new Promise<void>((resolve, reject) => {
      worker.on("message", (msg: { done?: boolean; i: number; postedAt: number; status: number; id: number | null }) => {
        if (msg.done) return resolve();
        const m = o.plan[msg.i]!;
        pending.push(
          (msg.id === null ? Promise.resolve(null) : o.turnDone(msg.id)).then((turn) => {
            if (msg.id !== null) worker.postMessage(msg.i);
            return { phone: m.phone, kind: m.kind, postedAt: msg.postedAt, ms: turn ? turn.at - msg.postedAt : null, status: msg.status, turn };
          }),
        );
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`load client thread exited (code ${code})`)));
    });
    await Promise.race([finished, o.died]);
    return await Promise.race([Promise.all(pending), o.died]);
  } finally {
    await worker.terminate();
  }
}
