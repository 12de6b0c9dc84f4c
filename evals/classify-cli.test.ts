import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs the real CLI the way graders do, with stdin from a string. */
function classify(input: string, env: Record<string, string> = {}) {
  const r = spawnSync("npx", ["tsx", "scripts/classify.ts"], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  const lines = r.stdout.split("\n").filter((l) => l.trim() !== "");
  return { status: r.status, lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

const offer3 = {
  kind: "offer",
  options: [
    { n: 1, label: "Mon Jun 2, 2-6pm, Aurora" },
    { n: 2, label: "Tue Jun 3, 9am-1pm, Denver" },
    { n: 3, label: "Thu Jun 5, 2-6pm, Aurora" },
  ],
};

describe("npm run classify", () => {
  it("prints exactly one line per input line, in order, and keeps going after a malformed one", () => {
    const input = [
      JSON.stringify({ id: "a", text: "1 and 3", context: offer3 }),
      "{not json",
      JSON.stringify({ id: "b", text: "yes", context: { kind: "confirm_request" } }),
      JSON.stringify({ id: "c", text: 42, context: { kind: "none" } }),
      JSON.stringify({ id: "d", text: "No voy a poder ir mañana", context: { kind: "none" } }),
      JSON.stringify({ id: "e", text: "ok", context: { kind: "bogus" } }),
      JSON.stringify({ id: "f", text: "👍", context: { kind: "offer" } }),
    ].join("\n");
    const { status, lines } = classify(input + "\n");
    expect(status).toBe(0);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({ id: "a", intent: "offer_accept", lang: "en", selection: [1, 3], confidence: expect.any(Number) });
    expect(Object.keys(lines[0]!)).toEqual(["id", "intent", "lang", "selection", "confidence"]);
    expect(lines[1]).toEqual({ id: null, error: expect.stringContaining("JSON") });
    expect(lines[2]).toEqual({ id: "b", intent: "confirm", lang: "en", confidence: expect.any(Number) });
    expect(lines[2]).not.toHaveProperty("selection");
    expect(lines[3]).toEqual({ id: "c", error: expect.stringContaining("text") });
    expect(lines[4]).toMatchObject({ id: "d", intent: "call_off", lang: "es" });
    expect(lines[5]).toEqual({ id: "e", error: expect.stringContaining("context.kind") });
    expect(lines[6]).toMatchObject({ id: "f", intent: "offer_accept" });
    for (const l of lines.filter((x) => !("error" in x))) {
      expect(l.confidence as number).toBeGreaterThanOrEqual(0);
      expect(l.confidence as number).toBeLessThanOrEqual(1);
    }
  });

  it("exits 0 on empty input", () => {
    const { status, lines } = classify("");
    expect(status).toBe(0);
    expect(lines).toEqual([]);
  });

  it("rejects an invalid AGENCY_TIMEZONE before reading input", () => {
    const { status, stderr } = classify(JSON.stringify({ id: "x", text: "hi", context: { kind: "none" } }), { AGENCY_TIMEZONE: "Mars/Olympus" });
    expect(status).not.toBe(0);
    expect(stderr).toContain("AGENCY_TIMEZONE");
  });
});
