import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

/**
 * A Coverline server in its own process, started as `npm start` runs it (`node --import tsx server/main.ts`),
 * for black-box benchmarks. Its stdout is read line by line: pino JSON lines go to `onLog`, anything else is
 * start-up text. It runs in its own process group, so a stop can always reach the cluster workers too.
 */
export interface ServerProcess {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `performance.timeOrigin + performance.now()` when the process was spawned. */
  spawnedAt: number;
  /** Non-JSON stdout lines so far (start-up banner, describe lines). */
  text: string[];
  /** Rejects when the process exits before `stop()` was called (never resolves). */
  died: Promise<never>;
  /** Resolves when every worker has printed its banner and GET /health answers 200; bounded. */
  ready(timeoutMs: number): Promise<void>;
  /** SIGTERM, wait up to `graceMs` for a clean exit, then SIGKILL the whole process group. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** Last stdout and stderr lines, for a failure message. */
  diagnostics(): string;
}

export interface ServerOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Processes expected to print "Coverline is running at" (WORKERS). */
  workers: number;
  /** Called with every JSON log line, raw (parse only what you need: there is one per HTTP request). */
  onLog(line: string, at: number): void;
}

const BANNER = "Coverline is running at";
const TAIL_LINES = 60;

/** A TCP port nobody listens on right now on 127.0.0.1 (the server needs a fixed PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** Spawns the server; call `ready()` next, and `stop()` in a finally. */
export function startServer(opts: ServerOptions): ServerProcess {
  const now = () => performance.timeOrigin + performance.now();
  const spawnedAt = now();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const text: string[] = [];
  const stdoutTail: string[] = [];
  const stderrTail: string[] = [];
  const push = (tail: string[], line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  let banners = 0;
  let declaredWorkers = 0;
  // readline reassembles lines split across pipe chunks.
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const at = now();
    if (line.startsWith("{")) {
      opts.onLog(line, at);
      if (line.includes('"level":"error"') || line.includes('"level":"fatal"')) push(stdoutTail, line);
      return;
    }
    text.push(line);
    push(stdoutTail, line);
    if (line.includes(BANNER)) {
      banners++;
      // A primary that prints one banner for the whole cluster may say how many workers it runs.
      const m = /\b(\d+) workers?\b/i.exec(line);
      if (m) declaredWorkers = Math.max(declaredWorkers, Number(m[1]));
    }
  });
  createInterface({ input: child.stderr! }).on("line", (line) => push(stderrTail, line));

  let stopping = false;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once("error", (err) => {
      exit = { code: null, signal: null };
      push(stderrTail, `spawn failed: ${err.message}`);
      resolve();
    });
  });
  const died = exited.then((): never => {
    throw new Error(stopping ? "server stopped" : `the server exited unexpectedly (${describeExit(exit)})`);
  });
  died.catch(() => undefined); // observed by whoever races it

  const url = `http://127.0.0.1:${opts.port}`;
  const diagnostics = () =>
    [
      `--- server stdout (last ${stdoutTail.length} non-log or error lines) ---`,
      ...stdoutTail,
      `--- server stderr (last ${stderrTail.length} lines) ---`,
      ...stderrTail,
    ].join("\n");

  async function ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let health = "no answer yet";
    while (Date.now() < deadline) {
      if (exit) throw new Error(`the server exited during start-up (${describeExit(exit)})`);
      const enough = banners >= opts.workers || declaredWorkers >= opts.workers;
      if (banners > 0) {
        try {
          const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
          health = `GET /health ${res.status}`;
          await res.arrayBuffer();
          if (res.ok && enough) return;
        } catch (err) {
          health = `GET /health failed: ${(err as Error).message}`;
        }
      }
      await Promise.race([sleep(250), exited]);
    }
    throw new Error(
      `the server was not ready after ${timeoutMs / 1000} s: ${banners} "${BANNER}" line(s) of ${opts.workers} expected, ${health}` +
        (opts.workers > 1 && banners === 1 ? " (does server/main.ts support WORKERS yet?)" : ""),
    );
  }

  async function stop(graceMs = 20_000): Promise<void> {
    stopping = true;
    const pid = child.pid;
    if (pid === undefined) return;
    if (!exit) {
      signal(pid, "SIGTERM");
      await Promise.race([exited, sleep(graceMs)]);
    }
    // Whatever is left in the group (a worker that outlived its primary, or a server that would not stop).
    if (groupAlive(pid)) {
      if (exit) await sleep(2_000);
      if (groupAlive(pid)) signal(-pid, "SIGKILL");
    }
    await Promise.race([exited, sleep(5_000)]);
  }

  return { pid: child.pid ?? -1, url, spawnedAt, text, died, ready, stop, diagnostics };
}

function describeExit(e: { code: number | null; signal: NodeJS.Signals | null } | null): string {
  if (!e) return "still running";
  return e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
