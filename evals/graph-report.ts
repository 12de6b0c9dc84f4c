import { INTENTS, type Intent } from "../domain/intents.js";
import { LANGUAGES, type Language } from "../domain/types.js";
import type { TurnOutput } from "./graph-runner.js";
import type { ConversationCase, MessageCase } from "./interpreter-report.js";

/**
 * The scorers of the graph-level eval: exact match on intent, language and (when labelled) the selected
 * option numbers. promptfoo's `javascript` assertions (evals/assertions.ts) and the vitest guard both call these.
 */
export function scoreTurn(
  got: Pick<TurnOutput, "intent" | "lang" | "selection" | "availability">,
  expect: { intent: string; lang?: string; selection?: number[]; availability?: string },
): { intent: boolean; lang: boolean; selection: boolean; availability: boolean } {
  return {
    intent: got.intent === expect.intent,
    lang: expect.lang === undefined || got.lang === expect.lang,
    selection: expect.selection === undefined || JSON.stringify(got.selection ?? []) === JSON.stringify(expect.selection),
    availability: expect.availability === undefined || got.availability === expect.availability,
  };
}

interface Tally {
  n: number;
  ok: number;
}
const tally = (): Tally => ({ n: 0, ok: 0 });
const add = (t: Tally, ok: boolean) => {
  t.n++;
  if (ok) t.ok++;
};
const pct = (t: Tally) => (t.n === 0 ? "—" : `${((100 * t.ok) / t.n).toFixed(1)}%`);

export interface GraphMessageResult {
  c: MessageCase;
  got: TurnOutput;
}
export interface GraphConversationResult {
  c: ConversationCase;
  got: TurnOutput[];
}

export interface GraphReport {
  intent: Tally;
  lang: Tally;
  selection: Tally;
  byIntent: Map<Intent, Tally>;
  byLanguage: Map<Language, { intent: Tally; lang: Tally }>;
  turns: Tally;
  conversations: Tally;
  /** How conversation turns got their context: left open by the system's previous turn, or set up by the eval. */
  contextOrigin: Record<string, number>;
  latency: { p50: number; p95: number; max: number };
  misses: string[];
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Tallies graph results per intent and per language, plus conversation turns. */
export function summarize(messages: GraphMessageResult[], conversations: GraphConversationResult[] = []): GraphReport {
  const r: GraphReport = {
    intent: tally(),
    lang: tally(),
    selection: tally(),
    byIntent: new Map(INTENTS.map((i) => [i, tally()])),
    byLanguage: new Map(LANGUAGES.map((l) => [l, { intent: tally(), lang: tally() }])),
    turns: tally(),
    conversations: tally(),
    contextOrigin: {},
    latency: { p50: 0, p95: 0, max: 0 },
    misses: [],
  };
  const ms: number[] = [];
  for (const { c, got } of messages) {
    const s = scoreTurn(got, c.expect);
    ms.push(got.ms);
    add(r.intent, s.intent);
    add(r.byIntent.get(c.expect.intent)!, s.intent);
    add(r.lang, s.lang);
    const bl = r.byLanguage.get(c.expect.lang)!;
    add(bl.intent, s.intent);
    add(bl.lang, s.lang);
    if (c.expect.selection) add(r.selection, s.selection);
    if (!s.intent || !s.lang || !s.selection) {
      r.misses.push(
        `${c.id} [${c.context.kind}] ${JSON.stringify(c.text)}: expected ${c.expect.intent}/${c.expect.lang}${c.expect.selection ? ` ${JSON.stringify(c.expect.selection)}` : ""}, got ${got.intent}/${got.lang}${got.selection ? ` ${JSON.stringify(got.selection)}` : ""} (${got.confidence ?? got.source}, ${got.outcome})`,
      );
    }
  }
  for (const { c, got } of conversations) {
    let all = true;
    c.turns.forEach((t, k) => {
      const g = got[k]!;
      ms.push(g.ms);
      r.contextOrigin[g.context.origin] = (r.contextOrigin[g.context.origin] ?? 0) + 1;
      const s = scoreTurn(g, t.expect);
      const ok = s.intent && s.selection && s.availability;
      add(r.turns, ok);
      if (!ok) {
        all = false;
        r.misses.push(`${c.id}#${k + 1} ${JSON.stringify(t.text)}: expected ${t.expect.intent}, got ${g.intent} (${g.outcome}, context ${g.context.kind}/${g.context.origin})`);
      }
    });
    add(r.conversations, all);
  }
  r.latency = { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: Math.max(0, ...ms) };
  return r;
}

/** Markdown tables of a graph report (the text that goes into evals/README.md). */
export function formatGraphReport(r: GraphReport): string {
  const lines: string[] = [];
  lines.push(
    `Messages: ${r.intent.n}. Intent ${pct(r.intent)} (${r.intent.ok}/${r.intent.n}), language ${pct(r.lang)} (${r.lang.ok}/${r.lang.n}), selection ${pct(r.selection)} (${r.selection.ok}/${r.selection.n}).`,
  );
  if (r.conversations.n > 0) {
    const origin = Object.entries(r.contextOrigin)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    lines.push(`Conversations: ${r.conversations.ok}/${r.conversations.n} fully right; turns ${pct(r.turns)} (${r.turns.ok}/${r.turns.n}); turn context: ${origin}.`);
  }
  lines.push(`Per turn, webhook → processed: p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, max ${r.latency.max.toFixed(0)} ms.`);
  lines.push("", "| intent | cases | correct | accuracy |", "|---|---:|---:|---:|");
  for (const [i, t] of r.byIntent) if (t.n > 0) lines.push(`| ${i} | ${t.n} | ${t.ok} | ${pct(t)} |`);
  lines.push("", "| language | cases | intent accuracy | language accuracy |", "|---|---:|---:|---:|");
  for (const [l, t] of r.byLanguage) if (t.intent.n > 0) lines.push(`| ${l} | ${t.intent.n} | ${pct(t.intent)} | ${pct(t.lang)} |`);
  if (r.misses.length > 0) lines.push("", "Misses:", ...r.misses.map((m) => `- ${m}`));
  return lines.join("\n");
}

/**
 * A stratified sample: cases grouped by (intent, language), every group represented, the rest filled
 * proportionally, picked evenly through each group (ids spread over batches A–D). Deterministic.
 */
export function stratifiedSample(cases: MessageCase[], n: number): MessageCase[] {
  if (n >= cases.length) return cases;
  const groups = new Map<string, MessageCase[]>();
  for (const c of cases) {
    const k = `${c.expect.intent}/${c.expect.lang}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(c);
  }
  const keys = [...groups.keys()].sort();
  const quota = new Map(keys.map((k) => [k, 1]));
  let left = n - keys.length;
  // Largest remainder on the rest, by group size.
  const shares = keys.map((k) => ({ k, share: (Math.max(0, left) * (groups.get(k)!.length - 1)) / (cases.length - keys.length) }));
  for (const s of shares) quota.set(s.k, quota.get(s.k)! + Math.floor(s.share));
  left = n - [...quota.values()].reduce((a, b) => a + b, 0);
  for (const s of [...shares].sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share))).slice(0, Math.max(0, left))) {
    quota.set(s.k, quota.get(s.k)! + 1);
  }
  const out: MessageCase[] = [];
  for (const k of keys) {
    const g = groups.get(k)!;
    const q = Math.min(g.length, quota.get(k)!);
    for (let i = 0; i < q; i++) out.push(g[Math.floor((i * g.length) / q)]!);
  }
  return out;
}
