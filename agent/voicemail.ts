import { z } from "zod";
import { parseRingCentralMessage, withTranscript, type RingCentralParseResult, type VoicemailStub } from "../channels/ringcentral/parse.js";
import type { JobQueue } from "../db/jobs.js";
import { withTransaction, type Pool } from "../db/pool.js";
import { coordinatorIndex, escalationChain } from "../db/repos/directory.js";
import { addLateTranscript, getInbound, markInbound, recordInbound } from "../db/repos/messages.js";
import { InboundMessage } from "../domain/messages.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { renderSlack } from "../prompts/slack/index.js";
import type { AgencyReader, Sender } from "../tools/ports.js";
import { clientOfNearestShift } from "./find-shift.js";
import type { InboundProcessor } from "./inbound.js";

/** Seconds between re-reads of a voicemail whose transcription was still in progress; a few tries, then give up. */
const REREAD_DELAY_SECONDS = 60;
const MAX_REREADS = 5;

/**
 * Seconds before each retry of a RingCentral call that failed (5xx, network, timeout): about 20 minutes of
 * RingCentral trouble in all. A voicemail may be a call-off for a shift about to start, so after that a person
 * listens to it instead (recorded as untranscribed, coordinator alerted).
 */
export const RINGCENTRAL_RETRY_DELAYS_SECONDS: readonly number[] = [15, 60, 300, 900];
/** Longest wait for one RingCentral call: a hung request must not hold the queue's only worker. */
const RINGCENTRAL_CALL_TIMEOUT_MS = 30_000;

/** The intent an untranscribed voicemail is stored with (status `ignored`: the agent never reads it). */
export const VOICEMAIL_UNTRANSCRIBED = "voicemail_untranscribed";

const FETCH_JOB = "voicemail.fetch";
const REREAD_JOB = "voicemail.reread";
const ALERT_JOB = "voicemail.alert";
const LATE_TRANSCRIPT_JOB = "voicemail.late-transcript";

export interface VoicemailSource {
  /** Rejects with an error carrying the HTTP `status` when RingCentral answered with an error. */
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
  /** Overrides the production delays (tests use fractions of a second). */
  timings?: VoicemailTimings;
}

export interface VoicemailTimings {
  /** Seconds between re-reads of a voicemail still being transcribed (default REREAD_DELAY_SECONDS). */
  rereadDelaySeconds?: number;
  /** Seconds before each retry of a failed RingCentral call (default RINGCENTRAL_RETRY_DELAYS_SECONDS). */
  retryDelaysSeconds?: readonly number[];
}

/** What the RingCentral webhook calls for voicemail notifications. */
export interface VoicemailService {
  /** False without RingCentral credentials: `handle` cannot fetch or re-read transcripts. */
  readonly readsTranscripts: boolean;
  /**
   * A voicemail whose transcript is ready or pending: queues the durable job that fetches it (retried, and
   * alerted as untranscribed if it cannot be fetched) or re-reads it later. Only queues, so it is fast enough to
   * await before acknowledging: once it returns, a crash loses nothing.
   */
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

interface LateTranscriptJob {
  inboundId: number;
}

/** A voicemail as job data carries it: JSON, so `receivedAt` comes back as a string. */
const StoredVoicemail = InboundMessage.omit({ text: true }).extend({ receivedAt: z.coerce.date() });

/** Fetch a ready transcript. Keyed per message id and failure count: a replayed notification queues nothing new. */
const FetchJob = z.object({
  uri: z.string().min(1),
  voicemail: StoredVoicemail,
  /** Failed fetches so far; each failure queues the job again, later, with one more. */
  failures: z.number().int().nonnegative().default(0),
});
type FetchJob = z.output<typeof FetchJob>;

/** Read the message-store record again while its transcription is in progress. */
const RereadJob = z.object({
  messageId: z.string().min(1),
  /** Re-reads so far (this one included) that were scheduled because the transcription was still in progress. */
  attempt: z.number().int().nonnegative(),
  /** The voicemail as first notified, to record it untranscribed if RingCentral cannot be read. Absent on older jobs. */
  voicemail: StoredVoicemail.optional(),
  durationSeconds: z.number().nonnegative().optional(),
  /** Failed reads of this re-read so far, as for FetchJob. */
  failures: z.number().int().nonnegative().default(0),
});
type RereadJob = z.output<typeof RereadJob>;

/**
 * Voicemails become inbound messages on the `voice` channel once their transcript exists: fetched by a durable job
 * when the notification says it is ready, or re-read later (a durable job) while RingCentral is still transcribing.
 * A voicemail that never gets a transcript — or whose transcript or record RingCentral keeps failing to serve — is
 * recorded all the same (`ignored`, so the agent and the sweeper leave it alone) and a coordinator is told in Slack
 * to listen to it: it may be a call-off.
 */
export function voicemailIntake(deps: VoicemailDeps): VoicemailService & { register(): Promise<void> } {
  const rereadDelay = deps.timings?.rereadDelaySeconds ?? REREAD_DELAY_SECONDS;
  const retryDelays = deps.timings?.retryDelaysSeconds ?? RINGCENTRAL_RETRY_DELAYS_SECONDS;
  const ringCentral = (): VoicemailSource => {
    if (!deps.rc) throw new Error("reading voicemail transcripts needs RingCentral credentials");
    return deps.rc;
  };
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

  async function handle(parsed: RingCentralParseResult, attempt: number): Promise<void> {
    switch (parsed.kind) {
      case "needs_transcript_fetch": {
        ringCentral(); // the fetch job is only worked where RingCentral is configured
        const job: z.input<typeof FetchJob> = { uri: parsed.uri, voicemail: parsed.voicemail, failures: 0 };
        await deps.jobs.send(FETCH_JOB, job, { key: fetchKey(parsed.voicemail.providerMessageId, 0) });
        return;
      }
      case "message":
        await acceptTranscribed(parsed.message);
        return;
      case "transcript_pending": {
        const { voicemail, durationSeconds } = parsed;
        if (attempt >= MAX_REREADS) {
          await recordUntranscribed({ voicemail, durationSeconds, transcriptionStatus: `still ${parsed.transcriptionStatus} after ${MAX_REREADS} re-reads` });
          return;
        }
        ringCentral(); // the re-read job is only worked where RingCentral is configured
        const job: z.input<typeof RereadJob> = { messageId: parsed.messageId, attempt: attempt + 1, voicemail, ...(durationSeconds !== undefined ? { durationSeconds } : {}), failures: 0 };
        await deps.jobs.send(REREAD_JOB, job, { runAt: later(rereadDelay), key: `vm:${parsed.messageId}:${attempt + 1}` });
        return;
      }
      case "voicemail_untranscribed":
        // A re-read can find the transcription failed after all.
        await recordUntranscribed(parsed);
        return;
      default:
        deps.logger.warn({ kind: parsed.kind }, "voicemail not usable");
    }
  }

  /**
   * The fetch job. A failed fetch queues itself again after the next retry delay (the count travels in the job
   * data, so the last try knows it is the last); when the retries run out, or RingCentral says the transcript
   * is not there (a 4xx), the voicemail is recorded untranscribed and a coordinator alerted. Errors of our own
   * (the database) are thrown for pg-boss to retry; every step is idempotent.
   */
  async function fetchTranscript(job: FetchJob): Promise<void> {
    const rc = ringCentral();
    const messageId = job.voicemail.providerMessageId;
    let transcript: string;
    try {
      transcript = await withTimeout(rc.fetchVoicemailTranscript(job.uri), "fetch transcript");
    } catch (err) {
      const retried = await retryLater(err, { messageId, failures: job.failures, what: "transcript fetch" }, (failures, runAt) =>
        deps.jobs.send(FETCH_JOB, { ...job, failures }, { runAt, key: fetchKey(messageId, failures) }),
      );
      if (!retried) await recordUntranscribed({ voicemail: job.voicemail, transcriptionStatus: `transcript could not be fetched${failureNote(err, job.failures)}` });
      return;
    }
    // Silence or noise transcribes to nothing: nobody knows what was said, so a coordinator should listen.
    if (transcript.trim() === "") {
      await recordUntranscribed({ voicemail: job.voicemail, transcriptionStatus: "the transcript is empty" });
      return;
    }
    await acceptTranscribed(withTranscript(job.voicemail, transcript));
  }

  /**
   * Hands a transcribed voicemail to the agent. If we had already stopped waiting for its transcript (recorded
   * untranscribed, a coordinator asked to listen), the agent does not act on it now — the coordinator may have —
   * but the transcript is kept on the row and that coordinator gets it in Slack (a durable job, once).
   */
  async function acceptTranscribed(message: InboundMessage): Promise<void> {
    const r = await deps.inbound.accept(message);
    if (!r.duplicate || !(await addLateTranscript(deps.pool, r.id, VOICEMAIL_UNTRANSCRIBED, message.text))) return;
    const job: LateTranscriptJob = { inboundId: r.id };
    await deps.jobs.send(LATE_TRANSCRIPT_JOB, job, { key: `voicemail-transcript:${r.id}` });
    deps.logger.info({ inboundId: r.id, messageId: message.providerMessageId }, "late transcript of an untranscribed voicemail; coordinator follow-up queued");
  }

  /** The re-read job; a failed read is retried and finally alerted like a failed fetch. */
  async function reread(job: RereadJob): Promise<void> {
    const rc = ringCentral();
    let record: unknown;
    try {
      record = await withTimeout(rc.getMessage(job.messageId), "get message");
    } catch (err) {
      const retried = await retryLater(err, { messageId: job.messageId, failures: job.failures, what: "voicemail re-read" }, (failures, runAt) =>
        deps.jobs.send(REREAD_JOB, { ...job, failures }, { runAt, key: `vm:${job.messageId}:${job.attempt}:retry${failures}` }),
      );
      if (retried) return;
      // A job queued by an older version carries no voicemail to record: leave it to pg-boss's own retries.
      if (!job.voicemail) throw err;
      const { voicemail, durationSeconds } = job;
      await recordUntranscribed({ voicemail, durationSeconds, transcriptionStatus: `voicemail could not be re-read from RingCentral${failureNote(err, job.failures)}` });
      return;
    }
    const parsed = parseRingCentralMessage(record);
    if ((parsed.kind === "ignored" || parsed.kind === "error") && job.voicemail) {
      // RingCentral answered, but with nothing we can read a voicemail from: still a voicemail nobody has heard.
      deps.logger.warn({ messageId: job.messageId, kind: parsed.kind }, "voicemail re-read returned an unusable record");
      const { voicemail, durationSeconds } = job;
      await recordUntranscribed({ voicemail, durationSeconds, transcriptionStatus: "RingCentral's record of it could not be read" });
      return;
    }
    await handle(parsed, job.attempt);
  }

  /** Queues the next try (`requeue` with the new failure count) unless the error is permanent or the tries ran out. */
  async function retryLater(err: unknown, at: { messageId: string; failures: number; what: string }, requeue: (failures: number, runAt: Date) => Promise<unknown>): Promise<boolean> {
    const status = httpStatus(err);
    const delay = retryDelays[at.failures];
    const retry = delay !== undefined && !isPermanent(status);
    // Ids and statuses only: an error's text may quote what RingCentral sent.
    deps.logger.warn({ messageId: at.messageId, status, failures: at.failures + 1, retryInSeconds: retry ? delay : undefined }, retry ? `${at.what} failed; will retry` : `${at.what} failed; giving up`);
    if (retry) await requeue(at.failures + 1, later(delay));
    return retry;
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

  /** The coordinator who was asked to listen (same routing as the alert) gets what the voicemail said. */
  async function forwardLateTranscript(job: LateTranscriptJob): Promise<void> {
    const row = await getInbound(deps.pool, job.inboundId);
    if (!row || row.intent !== VOICEMAIL_UNTRANSCRIBED) return;
    const caller = await identifyCaller(deps, row.from, row.receivedAt);
    const msg = renderSlack(
      "voicemail_transcript_late",
      { callerPhone: row.from, callerName: caller.name, callerKind: caller.kind, clientName: caller.clientName, receivedAt: row.receivedAt, transcript: row.text.slice(0, 2_000) },
      { timezone: deps.settings.timezone, now: deps.clock.now() },
    );
    const outcome = await deps.sender.send({ channel: "slack", to: caller.coordinatorSlackId ?? deps.settings.alertsChannel, text: msg.text, blocks: msg.blocks, idempotencyKey: `voicemail:${row.provider}:${row.providerMessageId}:transcript` });
    deps.logger.info({ inboundId: row.id, caller: caller.kind, routed: caller.coordinatorSlackId ? "coordinator" : "alerts_channel", status: outcome.status, duplicate: outcome.duplicate }, "voicemail late transcript forwarded");
  }

  return {
    readsTranscripts: deps.rc !== undefined,
    /** Called by the webhook route before acknowledging: it only queues a job. */
    handle: (parsed: RingCentralParseResult) => handle(parsed, 0),
    recordUntranscribed,
    async register(): Promise<void> {
      await deps.jobs.work<AlertJob>(ALERT_JOB, alert);
      await deps.jobs.work<LateTranscriptJob>(LATE_TRANSCRIPT_JOB, forwardLateTranscript);
      if (!deps.rc) return;
      await deps.jobs.work<object>(FETCH_JOB, (data) => fetchTranscript(FetchJob.parse(data)));
      await deps.jobs.work<object>(REREAD_JOB, (data) => reread(RereadJob.parse(data)));
    },
  };
}

/** One fetch job per message id and try: a replayed notification, or a retry of a job that already requeued, adds none. */
const fetchKey = (messageId: string, failures: number) => `vm-fetch:${messageId}:${failures}`;

/** The HTTP status RingCentral answered with (RingCentralError carries it), or undefined for no answer at all. */
function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** A 4xx other than timeout and rate limit: asking again gets the same answer (the transcript or message is gone). */
const isPermanent = (status: number | undefined) => status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;

/** For the alert's status line: why, in ids-and-numbers terms. */
function failureNote(err: unknown, failures: number): string {
  const status = httpStatus(err);
  const tries = failures + 1;
  return `${tries > 1 ? ` after ${tries} tries` : ""}: ${status !== undefined ? `HTTP ${status}` : "no response"}`;
}

async function withTimeout<T>(call: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`RingCentral ${what} timed out after ${RINGCENTRAL_CALL_TIMEOUT_MS / 1000} s`)), RINGCENTRAL_CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
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

