import { describe, expect, it } from "vitest";
import { silentLogger } from "../lib/logger.js";
import { jobQueueFixture, waitFor } from "../test/job-queue.js";
import type { AgencyWriter, ShiftNote } from "../tools/ports.js";
import { durableShiftNotes } from "./shift-notes.js";

/**
 * Shift notes go to WellSky through a durable job (the end-to-end case with a WellSky 500 and the retry is in
 * agent/schedule-and-late.int.test.ts). Here: the same note is queued once, a refusal is final, and
 * assignments pass straight through.
 */
describe("durable shift notes", () => {
  const fx = jobQueueFixture();

  /** A writer that records each call and answers the way `answer` says. */
  function recordingWriter(answer: (note: ShiftNote) => Error | null) {
    const calls: { shiftKey: string; note: ShiftNote }[] = [];
    const assigned: [string, string | null][] = [];
    const writer: AgencyWriter = {
      async assignCaregiver(shiftKey, caregiverId) {
        assigned.push([shiftKey, caregiverId]);
      },
      async noteOnShift(shiftKey, note) {
        calls.push({ shiftKey, note });
        const err = answer(note);
        if (err) throw err;
      },
    };
    return { writer, calls, assigned };
  }

  async function start(writer: AgencyWriter): Promise<AgencyWriter> {
    return durableShiftNotes(await fx.queue(), writer, silentLogger);
  }

  it("queues a note and writes it once, however often the same note is asked for", async () => {
    const w = recordingWriter(() => null);
    const notes = await start(w.writer);
    const note = { title: "Running late", description: "Caregiver reports running late (~20 min)." };
    await Promise.all([notes.noteOnShift("109131850_20261125", note), notes.noteOnShift("109131850_20261125", note)]);
    await notes.noteOnShift("109131850_20261125", { ...note, description: "Caregiver reports running late (~30 min)." });
    await waitFor(() => w.calls.length === 2, 10_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a duplicate would have run by now
    expect(w.calls.map((c) => c.note.description).sort()).toEqual(["Caregiver reports running late (~20 min).", "Caregiver reports running late (~30 min)."]);
  });

  it("a refusal (4xx) is final: the job ends without a retry", async () => {
    const refused = Object.assign(new Error("WellSky POST /v1/adminTasks/ answered 422"), { status: 422 });
    const w = recordingWriter(() => refused);
    const notes = await start(w.writer);
    await notes.noteOnShift("109131850_20261125", { title: "Clock issue", description: "Caregiver reports: cannot clock in." });
    await waitFor(() => w.calls.length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a retry would be scheduled, and the job completed, by now
    const { rows } = await (await fx.database()).pool.query(`SELECT state, retry_count FROM ${fx.bossSchema()}.job WHERE name = 'wellsky.note'`);
    expect(rows.map((r) => [r.state, Number(r.retry_count)])).toEqual([["completed", 0]]);
    expect(w.calls).toHaveLength(1);
  });

  it("a retry tells the writer the note may already be there (an earlier attempt may have landed)", async () => {
    let attempts = 0;
    const w = recordingWriter(() => (++attempts === 1 ? Object.assign(new Error("WellSky answered 500"), { status: 500 }) : null));
    const notes = await start(w.writer);
    await notes.noteOnShift("109131850_20261126", { title: "Clock issue", description: "Caregiver reports: wrong time." });
    await waitFor(() => w.calls.length === 2, 20_000);
    expect(w.calls.map((c) => c.note.mayExist ?? false)).toEqual([false, true]);
  }, 30_000);

  it("assignments pass straight through, not queued", async () => {
    const w = recordingWriter(() => null);
    const notes = await start(w.writer);
    await notes.assignCaregiver("109131850_20261125", "3306979");
    expect(w.assigned).toEqual([["109131850_20261125", "3306979"]]);
  });
});
