import { createHash } from "node:crypto";
import type { JobQueue } from "../db/jobs.js";
import type { Logger } from "../lib/logger.js";
import { isRefusal, type AgencyWriter, type ShiftNote } from "../tools/ports.js";

export const SHIFT_NOTE_JOB = "wellsky.note";
/** pg-boss retries from 5 s, doubling: ten retries cover about 85 minutes of WellSky outage. */
const NOTE_RETRIES = 10;

interface NoteJob {
  shiftKey: string;
  note: ShiftNote;
}

/**
 * Shift notes (call-off, running late, clock issue, "covered") delivered to WellSky by a durable job:
 * - a turn no longer waits for the two or three WellSky calls a note takes (find the care log, then a TaskLog
 *   or an AdminTask), which made "running late" the slowest kind of message;
 * - a WellSky outage delays a note instead of dropping it (the job retries with backoff; a refusal is final);
 * - the same note for the same shift is queued once across processes (the job key), for 12 h.
 * `noteOnShift` resolves once the note is queued. Assignments pass straight through: the fill workflow runs them
 * as jobs of its own.
 */
export async function durableShiftNotes(jobs: JobQueue, writer: AgencyWriter, logger: Logger): Promise<AgencyWriter> {
  await jobs.work<NoteJob>(SHIFT_NOTE_JOB, async ({ shiftKey, note }, { retryCount }) => {
    try {
      await writer.noteOnShift(shiftKey, retryCount > 0 ? { ...note, mayExist: true } : note);
    } catch (err) {
      // The title only: descriptions can name a caregiver.
      const fields = { shiftKey, title: note.title, err: (err as Error).message };
      if (!isRefusal(err)) {
        logger.warn(fields, "WellSky shift note failed; it will be retried");
        throw err;
      }
      logger.error(fields, "WellSky refused a shift note; it is not retried");
    }
  });
  return {
    assignCaregiver: (shiftKey, caregiverId) => writer.assignCaregiver(shiftKey, caregiverId),
    async noteOnShift(shiftKey, note) {
      const same = createHash("sha1").update(JSON.stringify([shiftKey, note.title, note.description, note.beforeStart ?? "office_task"])).digest("hex");
      await jobs.send<NoteJob>(SHIFT_NOTE_JOB, { shiftKey, note }, { key: `note:${same}`, retryLimit: NOTE_RETRIES });
    },
  };
}
