import { parseRingCentralMessage, withTranscript, type RingCentralParseResult, type VoicemailStub } from "../channels/ringcentral/parse.js";
import type { JobQueue } from "../db/jobs.js";
import { withTransaction, type Pool } from "../db/pool.js";
import { coordinatorIndex, escalationChain } from "../db/repos/directory.js";
import { getInbound, markInbound, recordInbound } from "../db/repos/messages.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { renderSlack } from "../prompts/slack/index.js";
import type { AgencyReader, Sender } from "../tools/ports.js";
import { clientOfNearestShift } from "./find-shift.js";
import type { InboundProcessor } from "./inbound.js";

/** Seconds between re-reads of a voicemail whose transcription was still in progress; a few tries, then give up. */
const REREAD_DELAY_SECONDS = 60;
const MAX_REREADS = 5;

/** The intent an untranscribed voicemail is stored with (status `ignored`: the agent never reads it). */
export const VOICEMAIL_UNTRANSCRIBED = "voicemail_untranscribed";

const REREAD_JOB = "voicemail.reread";
const ALERT_JOB = "voicemail.alert";

export interface VoicemailSource {
  fetchVoicemailTranscript(uri: string): Promise<string>;
  getMessage(messageId: string): Promise<unknown>;
}

/** A voicemail nobody can read: RingCentral's transcription failed or never finished. */
export interface UntranscribedVoicemail {
  voicemail: VoicemailStub;
  /** RingCentral's vmTranscriptionStatus, or why we stopped waiting for the transcript. */
  transcriptionStatus: string;
  durationSeconds?: number;
}

export interface VoicemailDeps {
  /** RingCentral, when credentials are configured; without it transcripts can be neither fetched nor re-read. */
  rc?: VoicemailSource;
  inbound: InboundProcessor;
  jobs: JobQueue;
  pool: Pool;
  agency: AgencyReader;
  sender: Sender;
  clock: Clock;
  logger: Logger;
  settings: { timezone: string; alertsChannel: string };
}

/** What the RingCentral webhook calls for voicemail notifications. */
export interface VoicemailService {
  /** False without RingCentral credentials: `handle` cannot fetch or re-read transcripts. */
  readonly readsTranscripts: boolean;
  /** A voicemail whose transcript is ready or pending: fetched now or re-read later. Called after acknowledging. */
  handle(parsed: RingCentralParseResult): Promise<void>;
  /**
   * Records a voicemail that has no transcript and queues the coordinator's alert (a durable job). Fast enough for
   * the request path; `duplicate` when RingCentral delivers the same voicemail again (nothing is alerted twice).
   */
  recordUntranscribed(v: UntranscribedVoicemail): Promise<{ id: number; duplicate: boolean }>;
}

interface AlertJob {
  inboundId: number;
  transcriptionStatus: string;
  durationSeconds?: number;
}

/**
 * Voicemails become inbound messages on the `voice` channel once their transcript exists: fetched at once when
 * the notification says it is ready, or re-read later (a durable job) while RingCentral is still transcribing.
 * A voicemail that never gets a transcript is recorded all the same (`ignored`, so the agent and the sweeper
 * leave it alone) and a coordinator is told in Slack to listen to it: it may be a call-off.
 */
export function voicemailIntake(deps: VoicemailDeps): VoicemailService & { register(): Promise<void> } {
  const ringCentral = (): VoicemailSource => {
    if (!deps.rc) throw new Error("reading voicemail transcripts needs RingCentral credentials");
    return deps.rc;
  };

  async function handle(parsed: RingCentralParseResult, attempt: number): Promise<void> {
    switch (parsed.kind) {
      case "needs_transcript_fetch":
        await deps.inbound.accept(withTranscript(parsed.voicemail, await ringCentral().fetchVoicemailTranscript(parsed.uri)));
        return;
      case "message":
        await deps.inbound.accept(parsed.message);
        return;
      case "transcript_pending":
        if (attempt >= MAX_REREADS) {
          const { voicemail, durationSeconds } = parsed;
          await recordUntranscribed({ voicemail, durationSeconds, transcriptionStatus: `still ${parsed.transcriptionStatus} after ${MAX_REREADS} re-reads` });
          return;
        }
        ringCentral(); // the re-read job is only worked where RingCentral is configured
        await deps.jobs.send(REREAD_JOB, { messageId: parsed.messageId, attempt: attempt + 1 }, { runAt: new Date(Date.now() + REREAD_DELAY_SECONDS * 1000), key: `vm:${parsed.messageId}:${attempt + 1}` });
        return;
      case "voicemail_untranscribed":
        // A re-read can find the transcription failed after all.
        await recordUntranscribed(parsed);
        return;
      default:
        deps.logger.warn({ kind: parsed.kind }, "voicemail not usable");
    }
  }

  async function recordUntranscribed(v: UntranscribedVoicemail): Promise<{ id: number; duplicate: boolean }> {
    const status = v.transcriptionStatus.slice(0, 80);
    const text = `[voicemail: no transcript — ${status}]`;
    // One transaction: the sweeper must never see the row `received` and hand it to the agent.
    const r = await withTransaction(deps.pool, async (tx) => {
      const rec = await recordInbound(tx, { ...v.voicemail, text });
      if (!rec.duplicate) await markInbound(tx, rec.id, "ignored", { intent: VOICEMAIL_UNTRANSCRIBED });
      return rec;
    });
    // A replay queues the alert again in case a crash came between the insert and the first queueing; the job key
    // and the Slack message's idempotency key keep it to one post. A replay of a voicemail that was stored with a
    // transcript after all (a message id seen before) alerts nothing.
    if (r.duplicate && (await getInbound(deps.pool, r.id))?.intent !== VOICEMAIL_UNTRANSCRIBED) return r;
    const job: AlertJob = { inboundId: r.id, transcriptionStatus: status, ...(v.durationSeconds !== undefined ? { durationSeconds: v.durationSeconds } : {}) };
    await deps.jobs.send(ALERT_JOB, job, { key: `voicemail-alert:${r.id}` });
    deps.logger.warn({ inboundId: r.id, messageId: v.voicemail.providerMessageId, transcriptionStatus: job.transcriptionStatus, duplicate: r.duplicate }, "voicemail without a transcript; coordinator alert queued");
    return r;
  }

  async function alert(job: AlertJob): Promise<void> {
    const row = await getInbound(deps.pool, job.inboundId);
    if (!row) return;
    const caller = await identifyCaller(deps, row.from, row.receivedAt);
    const msg = renderSlack(
      "voicemail_untranscribed",
      {
        callerPhone: row.from,
        callerName: caller.name,
        callerKind: caller.kind,
        clientName: caller.clientName,
        receivedAt: row.receivedAt,
        durationSeconds: job.durationSeconds,
        transcriptionStatus: job.transcriptionStatus,
      },
      { timezone: deps.settings.timezone, now: deps.clock.now() },
    );
    const outcome = await deps.sender.send({ channel: "slack", to: caller.coordinatorSlackId ?? deps.settings.alertsChannel, text: msg.text, blocks: msg.blocks, idempotencyKey: `voicemail:${row.provider}:${row.providerMessageId}` });
    deps.logger.info({ inboundId: row.id, intent: VOICEMAIL_UNTRANSCRIBED, caller: caller.kind, routed: caller.coordinatorSlackId ? "coordinator" : "alerts_channel", status: outcome.status, duplicate: outcome.duplicate }, "voicemail alert");
  }

  return {
    readsTranscripts: deps.rc !== undefined,
    /** Called by the webhook route after acknowledging. */
    handle: (parsed: RingCentralParseResult) => handle(parsed, 0),
    recordUntranscribed,
    async register(): Promise<void> {
      await deps.jobs.work<AlertJob>(ALERT_JOB, alert);
      const rc = deps.rc;
      if (!rc) return;
      await deps.jobs.work<{ messageId: string; attempt: number }>(REREAD_JOB, async ({ messageId, attempt }) => {
        await handle(parseRingCentralMessage(await rc.getMessage(messageId)), attempt);
      });
    },
  };
}

interface Caller {
  kind: "caregiver" | "client" | "family" | "coordinator" | "unknown";
  /** Full name when the records have it. */
  name?: string;
  /** A family member's client. */
  clientName?: string;
  /** The coordinator who should hear it: the client's (for a caregiver, the client of the shift around the call). */
  coordinatorSlackId?: string;
}

/** A name as the Slack template takes it (1–80 characters), or undefined. */
const clipName = (s: string | undefined) => s?.trim().slice(0, 80) || undefined;
const fullName = (p: { firstName: string; lastName: string } | null | undefined) => (p ? clipName(`${p.firstName} ${p.lastName}`) : undefined);

/**
 * Who left the voicemail, identified as the agent identifies a sender (coordinators by the directory, everyone else
 * through the agency's records), and which coordinator should hear about it. A failed lookup must not hold
 * the alert back: the caller then shows as their number, in the alerts channel.
 */
async function identifyCaller(deps: VoicemailDeps, phone: string, at: Date): Promise<Caller> {
  try {
    const coord = (await coordinatorIndex(deps.pool)).byPhone.get(phone);
    if (coord) return { kind: "coordinator", name: clipName(coord.name) };
    const p = await deps.agency.findPersonByPhone(phone);
    switch (p.kind) {
      case "caregiver": {
        const clientId = await clientOfNearestShift(deps.agency, p.id, at);
        return { kind: "caregiver", name: fullName(await deps.agency.getCaregiver(p.id)) ?? clipName(p.firstName), coordinatorSlackId: clientId ? await coordinatorOf(deps, clientId) : undefined };
      }
      case "client":
        return { kind: "client", name: fullName(await deps.agency.getClient(p.id)) ?? clipName(p.firstName), coordinatorSlackId: await coordinatorOf(deps, p.id) };
      case "family": {
        const contact = (await deps.agency.clientContacts(p.clientId)).find((c) => c.id === p.id);
        const clientName = fullName(await deps.agency.getClient(p.clientId));
        return { kind: "family", name: fullName(contact) ?? clipName(p.firstName), clientName, coordinatorSlackId: await coordinatorOf(deps, p.clientId) };
      }
      case "coordinator":
        return { kind: "coordinator", name: clipName(p.firstName) };
      default:
        return { kind: "unknown" };
    }
  } catch (err) {
    deps.logger.warn({ err }, "voicemail caller lookup failed; alerting with the number only");
    return { kind: "unknown" };
  }
}

async function coordinatorOf(deps: VoicemailDeps, clientId: string): Promise<string | undefined> {
  return (await escalationChain(deps.pool, clientId))[0]?.slackUserId;
}

