import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { loadConfig, type Config } from "../config/env.js";
import { createCheckpointer } from "../db/checkpointer.js";
import { migrate } from "../db/migrate.js";
import { openDatabase, type Database } from "../db/pool.js";
import { closeCampaign, createCampaign, createOffer, createOfferMessage, linkOfferMessage } from "../db/repos/fill.js";
import { getConsent, getInbound, listOutbox, setConsent } from "../db/repos/messages.js";
import { answerQuestion, closeQuestions, getQuestion, latestOpenQuestion, openQuestion, openQuestionsFor, type OpenQuestion } from "../db/repos/questions.js";
import type { ConversationContext } from "../domain/intents.js";
import { LANGUAGES, type Caregiver, type Language, type Shift } from "../domain/types.js";
import type { Clock } from "../lib/clock.js";
import { silentLogger } from "../lib/logger.js";
import type { AgentStateType } from "../agent/state.js";
import { renderSms } from "../prompts/sms/index.js";
import { startCoverline, type Coverline } from "../server/compose.js";
import type { ConversationCase, MessageCase } from "./interpreter-report.js";
import { ringCentralSmsNotification } from "./ringcentral-sms.js";

/**
 * The graph-level eval: every labelled message goes through the whole inbound path of a real Coverline
 * (`startCoverline`, exactly what `npm start` builds) — RingCentral webhook route → dedup → inbound processor →
 * agent graph (real interpreter, real tools, WellSky stand-in) → messenger → outbox — with the case's context
 * set up as a real open question in the database. Offers are real rows: a fill campaign per offered shift,
 * an offer message and one offer per option, exactly as workflows/shift-fill/outreach.ts records them.
 *
 * Recording fakes only: the seeded WellSky stand-in (records requests), the outbox transport (records every
 * text), an in-memory PGlite. With ANTHROPIC_API_KEY in the environment the composition root wires Claude in
 * as the fallback interpreter, as in production.
 */

/** Tuesday 24 Nov 2026, 10:00 in Denver: business hours, two days after the interpreter eval's Sunday. */
export const GRAPH_EVAL_DAY = new Date("2026-11-24T17:00:00Z");
/** The same Tuesday at 22:00 in Denver: after hours, for after-hours contexts (auto-reply → URGENT). */
export const GRAPH_EVAL_NIGHT = new Date("2026-11-25T05:00:00Z");

/** What one turn did, as the provider reports it to promptfoo (and the vitest guard scores it). */
export interface TurnOutput {
  /** The intent the turn was handled as: the graph's interpretation, or the STOP/HELP keyword path's. */
  intent: string | null;
  /** The message's language as the graph read it; for a STOP/HELP keyword, the language the reply went out in. */
  lang: string | null;
  selection: number[] | null;
  availability: string | null;
  confidence: number | null;
  /** rules | llm | keyword (answered before the agent, never reaching the graph). */
  source: string | null;
  /** Tool names the turn called, in order (agent state `tools`). */
  tools: string[];
  /** Outcome label of the turn (e.g. `offer.won`, `call_off.fill_started`, `clarify.asked`). */
  outcome: string;
  /** SMS texts sent to the sender during the turn (the outbox), oldest first. */
  replies: string[];
  /** Context the graph correlated the message with (`load_context`), and whether the eval set it up or the system left it open. */
  context: { kind: string; options: number; origin: "scripted" | "system" | "none" };
  /** The turn's latency through the inbound path, webhook to processed (ms). */
  ms: number;
}

export interface GraphEvalApp {
  /** One labelled message as a single turn from a fresh sender thread with the case's context open. */
  runMessage(c: Pick<MessageCase, "id" | "text" | "context">): Promise<TurnOutput>;
  /** A multi-turn script through one sender: contexts the system opened itself are kept, others are set up. */
  runConversation(c: ConversationCase): Promise<TurnOutput[]>;
  /** Whether Claude is wired in (ANTHROPIC_API_KEY set). */
  usesModel: boolean;
  cov: Coverline;
  close(): Promise<void>;
}

export interface GraphEvalOptions {
  /** An already migrated database (vitest passes the run's PGlite template); default a fresh in-memory PGlite. */
  db?: Database;
  /** Extra settings over the environment (e.g. `{ ANTHROPIC_API_KEY: "" }` to force the interpreter only). */
  env?: Record<string, string>;
}

/** A clock that flows in real time from a chosen instant and can be moved (day cases ↔ night cases). */
class EvalClock implements Clock {
  private offset = 0;
  constructor(at: Date) {
    this.set(at);
  }
  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** Starts a Coverline for the eval. Settings come from the environment (so a key enables Claude), with test-safe overrides. */
export async function startGraphEval(opts: GraphEvalOptions = {}): Promise<GraphEvalApp> {
  let db = opts.db;
  const ownDb = !db;
  if (!db) {
    db = await openDatabase({ dataDir: "memory://" });
    await migrate(db);
  }
  const config: Config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: "",
    WELLSKY_BASE_URL: "",
    WELLSKY_FAKE_PORT: "0",
    WELLSKY_RATE_LIMIT_PER_SECOND: "100",
    // Real RingCentral/Slack credentials must never be used by an eval: replies go to the outbox.
    RINGCENTRAL_CLIENT_ID: "",
    RINGCENTRAL_CLIENT_SECRET: "",
    RINGCENTRAL_JWT: "",
    SLACK_BOT_TOKEN: "",
    EMBEDDING_URL: "",
    // Later waves and escalations must not fire during the run and text the senders under test.
    FILL_WAVE_DELAYS: "0,86400,172800",
    FILL_ESCALATE_AFTER: "86400",
    ...opts.env,
  });
  const clock = new EvalClock(GRAPH_EVAL_DAY);
  const cov = await startCoverline(config, { logger: silentLogger, clock, db, jobPollingSeconds: 0.5, sweepers: false });
  // Load the WellSky directory now (compose.ts starts this in the background) so no case pays for it.
  await cov.agency.warm();
  const saver = await createCheckpointer(db);
  const pool = db.pool;
  const seed = cov.seed!;
  const tz = config.AGENCY_TIMEZONE;

  // Senders: hired, active caregivers whose profile language is English, so the profile-language hint the
  // graph gives the interpreter is the same "no information" default the interpreter-only eval uses.
  const senders = seed.caregivers.filter((c) => c.hired && c.active && c.language === "en").sort((a, b) => a.id.localeCompare(b.id));
  if (senders.length < 8) throw new Error(`graph eval: only ${senders.length} English-speaking caregivers in the seed`);
  const tomorrow = DateTime.fromJSDate(GRAPH_EVAL_DAY, { zone: tz }).plus({ days: 1 }).toISODate();
  const hasShiftTomorrow = (cg: Caregiver) => seed.shifts.some((s) => s.caregiverId === cg.id && s.status === "SCHEDULED" && DateTime.fromJSDate(s.start, { zone: tz }).toISODate() === tomorrow);
  const conversationSenders = senders.filter(hasShiftTomorrow);
  // Shifts offered in offer contexts: future, scheduled, not one of the senders' own.
  const senderIds = new Set(senders.map((s) => s.id));
  const offerable = seed.shifts
    .filter((s) => s.status === "SCHEDULED" && s.start.getTime() > GRAPH_EVAL_DAY.getTime() + 6 * 3600_000 && !senderIds.has(s.caregiverId ?? ""))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key));
  if (offerable.length < 10) throw new Error("graph eval: too few future shifts to offer");
  let nextSender = 0;
  let nextConversationSender = 0;
  let nextShift = 0;
  const liveEvalCampaigns: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  /** Everything runs one case at a time: cases share one agency, and a case's setup must see the last one's effects. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  async function closeOpenQuestions(address: string): Promise<void> {
    for (const q of await openQuestionsFor(pool, address, clock.now())) {
      if (Object.keys(q.ref).length > 0) await closeQuestions(pool, { refMatch: q.ref, address, reason: "eval_reset" });
      else await answerQuestion(pool, q.id, clock.now());
    }
  }

  /** A fresh start for a sender: no open questions, no conversation state, not opted out, no eval offers live. */
  async function resetSender(cg: Caregiver): Promise<void> {
    for (const id of liveEvalCampaigns.splice(0)) await closeCampaign(pool, id, "cancelled", clock.now());
    await closeOpenQuestions(cg.phone);
    await saver.deleteThread(`phone:${cg.phone}`);
    if ((await getConsent(pool, cg.phone))?.optedOut) await setConsent(pool, cg.phone, false, "api", clock.now());
  }

  /** The sender's shifts as WellSky has them now (earlier cases' call-offs and accepted offers change them). */
  async function ownShifts(cg: Caregiver, from: Date): Promise<Shift[]> {
    const shifts = await cov.agency.scheduleBetween(from, new Date(from.getTime() + 7 * 24 * 3600_000), [cg.id]);
    return shifts.filter((s) => s.caregiverId === cg.id && s.status === "SCHEDULED" && s.start > from).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  function takeShifts(n: number): Shift[] {
    const picked: Shift[] = [];
    for (let tries = 0; picked.length < n && tries < offerable.length; tries++) {
      const s = offerable[nextShift++ % offerable.length]!;
      // A bundle never holds two overlapping shifts (outreach.ts bundleMates).
      if (picked.some((p) => p.start < s.end && s.start < p.end)) continue;
      picked.push(s);
    }
    return picked.sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /** Records the open question the case says was last asked, the way the system records it. */
  async function openContext(cg: Caregiver, context: ConversationContext): Promise<void> {
    const now = clock.now();
    const day = 24 * 3600_000;
    switch (context.kind) {
      case "none":
        return;
      case "offer": {
        const n = Math.max(1, context.options?.length ?? 0);
        const offerMessageId = await createOfferMessage(pool, { caregiverId: cg.id, phone: cg.phone, language: cg.language, sentAt: now });
        const made: { campaignId: number; offerId: number; n: number }[] = [];
        let latestStart = now.getTime() + day;
        for (const [i, s] of takeShifts(n).entries()) {
          const { campaign } = await createCampaign(pool, {
            shiftKey: s.key,
            appointmentId: s.appointmentId,
            clientId: s.clientId,
            shiftStart: s.start,
            shiftEnd: s.end,
            source: "coordinator",
            originalCaregiverId: s.caregiverId,
            createdAt: now,
            createdBy: "eval",
          });
          if (campaign.createdBy === "eval") liveEvalCampaigns.push(campaign.id);
          const offerId = await createOffer(pool, { campaignId: campaign.id, caregiverId: cg.id, offerMessageId, optionNumber: i + 1, wave: 1, sentAt: now });
          if (offerId !== null) made.push({ campaignId: campaign.id, offerId, n: i + 1 });
          latestStart = Math.max(latestStart, s.start.getTime());
        }
        if (made.length === 0) throw new Error("graph eval: could not create an offer");
        // As outreach.ts: every offer stores its numbered options, a single one too; the labels are the case's own.
        const options = made.map((m) => ({ n: m.n, label: context.options?.[m.n - 1]?.label ?? `option ${m.n}` }));
        const questionId = await openQuestion(pool, { address: cg.phone, kind: "offer", ref: { offerMessageId, caregiverId: cg.id, offers: made }, options, askedAt: now, expiresAt: new Date(latestStart) });
        await linkOfferMessage(pool, offerMessageId, { questionId });
        return;
      }
      case "confirm_request": {
        const shifts = (await ownShifts(cg, now)).slice(0, 2);
        await openQuestion(pool, { address: cg.phone, kind: "confirm_request", ref: { shiftKeys: shifts.map((s) => s.key) }, options: null, askedAt: now, expiresAt: new Date(now.getTime() + day) });
        return;
      }
      case "availability_checkin":
        await openQuestion(pool, { address: cg.phone, kind: "availability_checkin", ref: { checkin: "weekly", caregiverId: cg.id }, options: null, askedAt: now, expiresAt: new Date(now.getTime() + 3 * day) });
        return;
      case "clock_nudge": {
        const shift = (await ownShifts(cg, new Date(now.getTime() - 2 * 3600_000)))[0];
        await openQuestion(pool, { address: cg.phone, kind: "clock_nudge", ref: { shiftKey: shift?.key ?? null, caregiverId: cg.id }, options: null, askedAt: now, expiresAt: new Date(now.getTime() + 2 * 3600_000) });
        return;
      }
      case "after_hours": {
        // What handle_call_off records after hours: the call-off's shift, beyond the urgent window.
        const shift = (await ownShifts(cg, new Date(now.getTime() + 4 * 3600_000)))[0];
        await openQuestion(pool, {
          address: cg.phone,
          kind: "after_hours",
          ref: { shiftKey: shift?.key ?? null, caregiverId: cg.id },
          options: null,
          askedAt: now,
          expiresAt: shift?.start ?? new Date(now.getTime() + day),
        });
        return;
      }
    }
  }

  /** The open question a reply would be read against (load_context's rule: a clarify question stands for the one it clarifies). */
  async function currentQuestion(address: string): Promise<OpenQuestion | null> {
    let q = await latestOpenQuestion(pool, address, clock.now());
    if (q?.kind === "clarify" && typeof q.ref.answersQuestion === "number") {
      const clarified = await getQuestion(pool, q.ref.answersQuestion);
      if (clarified && clarified.answeredAt === null && clarified.closedReason === null) q = clarified;
    }
    return q;
  }

  /** Posts the text to the RingCentral webhook and waits until the turn (and anything it queued in-process) is done. */
  async function sendTurn(cg: Caregiver, text: string, origin: TurnOutput["context"]["origin"]): Promise<TurnOutput> {
    // By id, not time: the eval's clock moves between day and night cases.
    const watermark = Math.max(0, ...(await listOutbox(pool, { to: cg.phone, channel: "sms", limit: 1000 })).map((m) => m.id));
    const newTexts = async () => (await listOutbox(pool, { to: cg.phone, channel: "sms", limit: 1000 })).filter((m) => m.id > watermark).sort((a, b) => a.id - b.id).map((m) => m.text);
    const started = performance.now();
    const res = await cov.app.request("/webhooks/ringcentral", {
      method: "POST",
      headers: { "content-type": "application/json", "verification-token": config.RINGCENTRAL_WEBHOOK_VERIFICATION_TOKEN },
      body: JSON.stringify(ringCentralSmsNotification(cg.phone, config.AGENCY_OFFICE_PHONE, text, randomUUID(), clock.now())),
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    const { id, status } = (await res.json()) as { id?: number; status: string };
    if (status !== "accepted" || id === undefined) throw new Error(`webhook did not accept the message: ${status}`);
    await cov.inbound.idle();
    const ms = performance.now() - started;
    const row = await getInbound(pool, id);
    if (!row) throw new Error(`inbound ${id} vanished`);
    // The turn's final state is the sender thread's last checkpoint (runTurn checkpoints on exit).
    const tuple = await saver.getTuple({ configurable: { thread_id: `phone:${cg.phone}` } });
    const state = tuple?.checkpoint.channel_values as Partial<AgentStateType> | undefined;
    let replies = await newTexts();
    if (state?.inbound?.id === id && state.outcome === "offer.won") {
      // A won offer is confirmed by the durable fill.assign job after the WellSky write, not by the turn:
      // wait (bounded) for that text so `replies` is what the caregiver actually receives.
      for (let i = 0; i < 50 && replies.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        replies = await newTexts();
      }
    }
    if (state?.inbound?.id === id && state.interpretation) {
      const i = state.interpretation;
      return {
        intent: i.intent,
        lang: i.language,
        selection: i.entities.selection ?? null,
        availability: i.entities.availability ?? null,
        confidence: i.confidence,
        source: i.source,
        tools: state.tools ?? [],
        outcome: state.outcome ?? "",
        replies,
        context: { kind: state.context?.kind ?? "none", options: state.context?.options?.length ?? 0, origin },
        ms,
      };
    }
    if (row.status !== "processed") {
      // The turn threw (the inbound row is `failed`, left for the sweeper): nothing was understood or answered.
      return { intent: null, lang: null, selection: null, availability: null, confidence: null, source: null, tools: [], outcome: `failed: ${row.error ?? row.status}`, replies, context: { kind: "unknown", options: 0, origin }, ms };
    }
    // STOP / START / HELP keywords are answered before the agent (inbound.ts): report the language of the reply.
    return {
      intent: row.intent,
      lang: replies.length > 0 ? keywordReplyLanguage(replies[0]!) : null,
      selection: null,
      availability: null,
      confidence: null,
      source: "keyword",
      tools: [],
      outcome: `compliance.${row.intent}`,
      replies,
      context: { kind: "none", options: 0, origin },
      ms,
    };
  }

  /** The language whose compliance template (help / stop / start confirmation) the reply is; null if none. */
  function keywordReplyLanguage(reply: string): Language | null {
    const ctx = { agencyName: config.AGENCY_NAME, officePhone: config.AGENCY_OFFICE_PHONE, timezone: tz, now: clock.now() };
    const templates = ["help", "stop_confirm", "start_confirm"] as const;
    return LANGUAGES.find((l) => templates.some((t) => renderSms(t, l, {}, ctx) === reply)) ?? null;
  }

  const atTimeFor = (kinds: string[]) => (kinds.includes("after_hours") ? GRAPH_EVAL_NIGHT : GRAPH_EVAL_DAY);

  return {
    cov,
    usesModel: Boolean(config.ANTHROPIC_API_KEY),
    runMessage: (c) =>
      serial(async () => {
        const cg = senders[nextSender++ % senders.length]!;
        clock.set(atTimeFor([c.context.kind]));
        await resetSender(cg);
        await openContext(cg, c.context);
        return sendTurn(cg, c.text, c.context.kind === "none" ? "none" : "scripted");
      }),
    runConversation: (c) =>
      serial(async () => {
        const pool_ = conversationSenders.length > 0 ? conversationSenders : senders;
        const cg = pool_[nextConversationSender++ % pool_.length]!;
        clock.set(atTimeFor(c.turns.map((t) => t.context?.kind ?? "none")));
        await resetSender(cg);
        const out: TurnOutput[] = [];
        for (const turn of c.turns) {
          const want = turn.context ?? { kind: "none" as const };
          const open = await currentQuestion(cg.phone);
          const openOptions = Array.isArray(open?.options) ? open.options.length : 0;
          const wantOptions = want.kind === "offer" ? Math.max(1, want.options?.length ?? 0) : 0;
          let origin: TurnOutput["context"]["origin"] = "none";
          if (want.kind === "none") {
            await closeOpenQuestions(cg.phone);
          } else if (open && open.kind === want.kind && openOptions === wantOptions) {
            origin = "system"; // what the previous turn left open is what the script says was asked
          } else {
            await closeOpenQuestions(cg.phone);
            await openContext(cg, want);
            origin = "scripted";
          }
          out.push(await sendTurn(cg, turn.text, origin));
        }
        return out;
      }),
    async close() {
      await queue;
      await cov.close();
      if (ownDb) await db.close();
    },
  };
}
