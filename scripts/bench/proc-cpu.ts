import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of other processes over a window, from Linux /proc (no /proc → every reading is null and the
 * bench says so). Times are clock ticks; `share()` turns a difference into "% of one core".
 */

const CLK_TCK = (() => {
  try {
    const n = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 2_000 }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself. */
  own: number;
  /** cutime + cstime: children it has reaped (a PostgreSQL backend that exited, a worker that was replaced). */
  reaped: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may contain spaces or ")": the fields after it start at the last ")".
    const close = s.lastIndexOf(")");
    const comm = s.slice(s.indexOf("(") + 1, close);
    const f = s.slice(close + 2).split(" ");
    // f[0] is field 3 (state): utime, stime, cutime, cstime are fields 14–17.
    return { pid, ppid: Number(f[1]), comm, own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // exited meanwhile, or not readable
  }
}

function allStats(): ProcStat[] {
  let pids: number[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  return pids.map(readStat).filter((s): s is ProcStat => s !== null);
}

/** A process and all its descendants (cluster workers are children of the primary). */
export function processTree(rootPid: number, stats: ProcStat[] = allStats()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const s of stats) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return [];
  const out: ProcStat[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const s = queue.shift()!;
    out.push(s);
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return out;
}

export interface CpuSnapshot {
  at: number;
  server: Map<number, ProcStat>;
  postgres: Map<number, ProcStat>;
  /** /proc/stat "cpu" line: busy and total ticks over all cores. */
  machine: { busy: number; total: number } | null;
}

/** Reads everything the bench reports about CPU, at one instant. */
export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const stats = allStats();
  return {
    at: performance.now(),
    server: new Map(processTree(serverPid, stats).map((s) => [s.pid, s])),
    postgres: new Map(stats.filter((s) => s.comm === "postgres").map((s) => [s.pid, s])),
    machine: machineTicks(),
  };
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user/nice).
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - v[3]! - (v[4] ?? 0), total };
  } catch {
    return null;
  }
}

/**
 * CPU seconds a set of processes used between two snapshots. A process that exited in between shows up in its
 * parent's reaped time (when the parent is in the set, as the postmaster is for its backends) with all its
 * life, so its CPU before the window is subtracted.
 */
function groupSeconds(before: Map<number, ProcStat>, after: Map<number, ProcStat>): number {
  let ticks = 0;
  for (const [pid, a] of after) {
    const b = before.get(pid);
    ticks += a.own + a.reaped - (b ? b.own + b.reaped : 0);
  }
  for (const [pid, b] of before) if (!after.has(pid)) ticks -= b.own + b.reaped;
  return Math.max(0, ticks) / CLK_TCK;
}

export interface CpuUse {
  wallS: number;
  /** `byProcess`: the root (the process spawned) first, then its descendants (cluster workers). */
  server: { seconds: number; processes: number; byProcess: number[] };
  postgres: { seconds: number; processes: number };
  machine: { busyCores: number; cores: number } | null;
}

/** What each group used over the window between two snapshots. */
export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, cores: number): CpuUse {
  const wallS = (after.at - before.at) / 1000;
  const m = before.machine && after.machine ? { busy: after.machine.busy - before.machine.busy, total: after.machine.total - before.machine.total } : null;
  return {
    wallS,
    server: {
      seconds: groupSeconds(before.server, after.server),
      processes: after.server.size,
      byProcess: [...after.server.keys()].map((pid) => groupSeconds(pick(before.server, pid), pick(after.server, pid))),
    },
    postgres: { seconds: groupSeconds(before.postgres, after.postgres), processes: after.postgres.size },
    // total ticks over all cores for the window ≈ cores × wall; busy/total × cores = busy cores on average.
    machine: m && m.total > 0 ? { busyCores: (m.busy / m.total) * cores, cores } : null,
  };
}

function pick(m: Map<number, ProcStat>, pid: number): Map<number, ProcStat> {
  const s = m.get(pid);
  return new Map(s ? [[pid, s]] : []);
}

/** Percent of one core, for `seconds` of CPU over `wallS` seconds. */
export function share(seconds: number, wallS: number): string {
  return `${((seconds / Math.max(1e-9, wallS)) * 100).toFixed(0)}%`;
}
