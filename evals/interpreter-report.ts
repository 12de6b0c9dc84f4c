import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConversationContext, INTENTS, Intent, type Interpretation } from "../domain/intents.js";
import { LANGUAGES, Language } from "../domain/types.js";
import { interpret } from "../agent/interpreter/index.js";

/** One labelled message (evals/cases/messages.jsonl). */
export const MessageCase = z.object({
  id: z.string().min(1),
  text: z.string(),
  context: ConversationContext,
  expect: z.object({
    intent: Intent,
    lang: Language,
    selection: z.array(z.number().int().min(1).max(9)).optional(),
  }),
});
export type MessageCase = z.infer<typeof MessageCase>;

/** One multi-turn script (evals/cases/conversations.jsonl); a turn without context has nothing open. */
export const ConversationCase = z.object({
  id: z.string().min(1),
  description: z.string(),
  turns: z
    .array(
      z.object({
        text: z.string(),
        context: ConversationContext.optional(),
        expect: z.object({
          intent: Intent,
          selection: z.array(z.number().int()).optional(),
          availability: z.enum(["more", "same", "less"]).optional(),
        }),
      }),
    )
    .min(2),
});
export type ConversationCase = z.infer<typeof ConversationCase>;

/** Fixed reference time for evals: Sunday 22 Nov 2026, 10:00 in Denver, so results do not drift by day. */
export const EVAL_NOW = new Date("2026-11-22T17:00:00Z");
export const EVAL_TZ = "America/Denver";

/**
 * The peer agency's estimated inbound mix (lessons-from-a-peer.md), used to weight per-intent accuracy
 * into one number that reflects what a real inbox looks like.
 */
export const PEER_MIX: Partial<Record<Intent, number>> = {
  offer_accept: 0.35,
  offer_decline: 0.15,
  call_off: 0.25,
  offer_partial: 0.1,
  schedule_query: 0.1,
  other: 0.05,
};

function readJsonl<T>(path: URL, schema: z.ZodType<T>): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.pathname}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const loadMessageCases = (): MessageCase[] => readJsonl(new URL("./cases/messages.jsonl", import.meta.url), MessageCase);
export const loadConversationCases = (): ConversationCase[] =>
  readJsonl(new URL("./cases/conversations.jsonl", import.meta.url), ConversationCase);

interface Tally {
  n: number;
  ok: number;
}
const rate = (t: Tally) => (t.n === 0 ? 1 : t.ok / t.n);

export interface CaseResult {
  c: MessageCase;
  got: Interpretation;
  intentOk: boolean;
  langOk: boolean;
  selectionOk: boolean;
}

export interface Report {
  results: CaseResult[];
  intent: Tally;
  lang: Tally;
  selection: Tally;
  byIntent: Map<Intent, Tally>;
  byLanguage: Map<Language, { intent: Tally; lang: Tally }>;
  /** Per-intent accuracy weighted by PEER_MIX. */
  mixWeighted: number;
  msPerMessage: number;
}

/** Runs every case through the interpreter and tallies accuracy per intent and per language. */
export function runMessageCases(cases: MessageCase[]): Report {
  const start = performance.now();
  const results = cases.map((c): CaseResult => {
    const got = interpret(c.text, c.context, { now: EVAL_NOW, timezone: EVAL_TZ });
    const selectionOk = c.expect.selection === undefined || JSON.stringify(got.entities.selection) === JSON.stringify(c.expect.selection);
    return { c, got, intentOk: got.intent === c.expect.intent, langOk: got.language === c.expect.lang, selectionOk };
  });
  const msPerMessage = (performance.now() - start) / Math.max(1, cases.length);
  const byIntent = new Map<Intent, Tally>(INTENTS.map((i) => [i, { n: 0, ok: 0 }]));
  const byLanguage = new Map(LANGUAGES.map((l) => [l, { intent: { n: 0, ok: 0 }, lang: { n: 0, ok: 0 } }]));
  const intent = { n: 0, ok: 0 };
  const lang = { n: 0, ok: 0 };
  const selection = { n: 0, ok: 0 };
  for (const r of results) {
    const bi = byIntent.get(r.c.expect.intent)!;
    const bl = byLanguage.get(r.c.expect.lang)!;
    for (const t of [intent, bi, bl.intent]) {
      t.n++;
      if (r.intentOk) t.ok++;
    }
    for (const t of [lang, bl.lang]) {
      t.n++;
      if (r.langOk) t.ok++;
    }
    if (r.c.expect.selection) {
      selection.n++;
      if (r.selectionOk) selection.ok++;
    }
  }
  const mixTotal = Object.values(PEER_MIX).reduce((a, b) => a + b, 0);
  const mixWeighted = Object.entries(PEER_MIX).reduce((sum, [i, w]) => sum + w * rate(byIntent.get(i as Intent)!), 0) / mixTotal;
  return { results, intent, lang, selection, byIntent, byLanguage, mixWeighted, msPerMessage };
}

export interface ConversationReport {
  turns: Tally;
  failures: string[];
}

/** Interprets each scripted turn with the context the script gives it. */
export function runConversations(convs: ConversationCase[]): ConversationReport {
  const turns = { n: 0, ok: 0 };
  const failures: string[] = [];
  for (const conv of convs) {
    conv.turns.forEach((t, k) => {
      const got = interpret(t.text, t.context ?? { kind: "none" }, { now: EVAL_NOW, timezone: EVAL_TZ });
      const ok =
        got.intent === t.expect.intent &&
        (t.expect.selection === undefined || JSON.stringify(got.entities.selection) === JSON.stringify(t.expect.selection)) &&
        (t.expect.availability === undefined || got.entities.availability === t.expect.availability);
      turns.n++;
      if (ok) turns.ok++;
      else failures.push(`${conv.id}#${k + 1} ${JSON.stringify(t.text)}: expected ${t.expect.intent}, got ${got.intent}`);
    });
  }
  return { turns, failures };
}

const pct = (t: Tally) => `${(rate(t) * 100).toFixed(1)}%`;

/** A Markdown table of the report (the same text goes into evals/README.md). */
export function formatReport(r: Report, conv?: ConversationReport): string {
  const lines: string[] = [];
  lines.push(`Messages: ${r.intent.n}. Intent ${pct(r.intent)} (${r.intent.ok}/${r.intent.n}), language ${pct(r.lang)} (${r.lang.ok}/${r.lang.n}), selection ${pct(r.selection)} (${r.selection.ok}/${r.selection.n}); peer-mix weighted intent ${(r.mixWeighted * 100).toFixed(1)}%; ${r.msPerMessage.toFixed(3)} ms/message.`);
  if (conv) lines.push(`Conversation turns: ${pct(conv.turns)} (${conv.turns.ok}/${conv.turns.n}).`);
  lines.push("", "| intent | cases | correct | accuracy |", "|---|---:|---:|---:|");
  for (const [i, t] of r.byIntent) lines.push(`| ${i} | ${t.n} | ${t.ok} | ${pct(t)} |`);
  lines.push("", "| language | cases | intent accuracy | language accuracy |", "|---|---:|---:|---:|");
  for (const [l, t] of r.byLanguage) lines.push(`| ${l} | ${t.intent.n} | ${pct(t.intent)} | ${pct(t.lang)} |`);
  const misses = r.results.filter((x) => !x.intentOk || !x.langOk || !x.selectionOk);
  if (misses.length > 0) {
    lines.push("", "Misses:");
    for (const m of misses) {
      lines.push(
        `- ${m.c.id} [${m.c.context.kind}] ${JSON.stringify(m.c.text)}: expected ${m.c.expect.intent}/${m.c.expect.lang}, got ${m.got.intent}/${m.got.language} (${m.got.confidence})`,
      );
    }
  }
  return lines.join("\n");
}
