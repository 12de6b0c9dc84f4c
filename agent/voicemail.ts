import { parseRingCentralMessage, withTranscript, type RingCentralParseResult } from "../channels/ringcentral/parse.js";
import type { JobQueue } from "../db/jobs.js";
import type { Logger } from "../lib/logger.js";
import type { InboundProcessor } from "./inbound.js";

/** Seconds between re-reads of a voicemail whose transcription was still in progress; a few tries, then give up. */
const REREAD_DELAY_SECONDS = 60;
const MAX_REREADS = 5;

export interface VoicemailSource {
  fetchVoicemailTranscript(uri: string): Promise<string>;
  getMessage(messageId: string): Promise<unknown>;
}

/**
 * Voicemails become inbound messages on the `voice` channel once their transcript exists: fetched at once when
 * the notification says it is ready, or re-read later (a durable job) while RingCentral is still transcribing.
 */
export function voicemailIntake(deps: { rc: VoicemailSource; inbound: InboundProcessor; jobs: JobQueue; logger: Logger }) {
  async function handle(parsed: RingCentralParseResult, attempt: number): Promise<void> {
    switch (parsed.kind) {
      case "needs_transcript_fetch":
        await deps.inbound.accept(withTranscript(parsed.voicemail, await deps.rc.fetchVoicemailTranscript(parsed.uri)));
        return;
      case "message":
        await deps.inbound.accept(parsed.message);
        return;
      case "transcript_pending":
        if (attempt >= MAX_REREADS) {
          deps.logger.warn({ messageId: parsed.messageId }, "voicemail transcript never completed");
          return;
        }
        await deps.jobs.send("voicemail.reread", { messageId: parsed.messageId, attempt: attempt + 1 }, { runAt: new Date(Date.now() + REREAD_DELAY_SECONDS * 1000), key: `vm:${parsed.messageId}:${attempt + 1}` });
        return;
      default:
        deps.logger.warn({ kind: parsed.kind }, "voicemail not usable");
    }
  }
  return {
    /** Called by the webhook route after acknowledging. */
    handle: (parsed: RingCentralParseResult) => handle(parsed, 0),
    async register(): Promise<void> {
      await deps.jobs.work<{ messageId: string; attempt: number }>("voicemail.reread", async ({ messageId, attempt }) => {
        await handle(parseRingCentralMessage(await deps.rc.getMessage(messageId)), attempt);
      });
    },
  };
}
