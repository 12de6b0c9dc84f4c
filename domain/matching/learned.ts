import type { ScoreLine, ScoreResult, ScoreRule } from "./score.js";

/**
 * A caregiver's record with this agency's offers ("Caregiver DNA" in the seed). Counts, not rates, so we
 * can tell 1-of-1 from 45-of-100.
 */
export interface CaregiverHistory {
  /** Offers sent (a bundled offer counts once). */
  offersReceived: number;
  /** Offers they replied to at all (yes, no, question) before the offer closed. */
  offersResponded: number;
  /** Offers they said yes to. */
  offersAccepted: number;
  /** Past shifts they were given after accepting an offer. */
  acceptedShiftsDue: number;
  /** Of those, shifts they actually worked (not cancelled or no-show). */
  acceptedShiftsWorked: number;
}

/** Agency-wide rates the adjustment is measured against; compute them with {@link agencyPriors}. */
export interface AgencyPriors {
  responseRate: number;
  acceptanceRate: number;
  reliability: number;
}

/** Used until an agency has enough history of its own (see MIN_PRIOR_SAMPLE). */
export const DEFAULT_PRIORS: AgencyPriors = { responseRate: 0.6, acceptanceRate: 0.35, reliability: 0.92 };

/**
 * Shape of the learned term. `points = clamp(round(maxPoints × (smoothed − prior) / span), ±maxPoints)`
 * where `span` is `scale`, shrunk to the room left between the prior and 1 (above) or 0 (below): a
 * caregiver `scale` above the agency's rate — or a perfect record when the agency is already within `scale`
 * of 100% — earns the full bonus, `scale` below earns the full penalty.
 * Reliability gets the largest share and a narrow scale because "accepts then cancels" is the costliest
 * behaviour for a shift that is already in trouble. The three caps sum to 10, so the term lies in −10…+10.
 */
export const LEARNED_TERMS = {
  response: { maxPoints: 3, scale: 0.3 },
  acceptance: { maxPoints: 3, scale: 0.3 },
  reliability: { maxPoints: 4, scale: 0.1 },
  /** Pseudo-observations at the agency rate: with 5, a 2-for-2 newcomer moves only 2/7 of the way. */
  smoothing: 5,
} as const;

/** Agency totals below this many offers are too thin to trust; DEFAULT_PRIORS are used instead. */
export const MIN_PRIOR_SAMPLE = 50;

const ratio = (num: number, den: number, fallback: number): number => (den > 0 ? num / den : fallback);

/** Pooled agency rates from every caregiver's history (sum of counts, not a mean of rates). */
export function agencyPriors(histories: Iterable<CaregiverHistory>): AgencyPriors {
  let rec = 0, resp = 0, acc = 0, due = 0, worked = 0;
  for (const h of histories) {
    rec += h.offersReceived;
    resp += h.offersResponded;
    acc += h.offersAccepted;
    due += h.acceptedShiftsDue;
    worked += h.acceptedShiftsWorked;
  }
  if (rec < MIN_PRIOR_SAMPLE) return DEFAULT_PRIORS;
  return {
    responseRate: ratio(resp, rec, DEFAULT_PRIORS.responseRate),
    acceptanceRate: ratio(acc, rec, DEFAULT_PRIORS.acceptanceRate),
    reliability: due >= 10 ? ratio(worked, due, DEFAULT_PRIORS.reliability) : DEFAULT_PRIORS.reliability,
  };
}

/** Rate shrunk toward the prior: (successes + k·prior) / (trials + k). */
export function smoothedRate(successes: number, trials: number, prior: number, k: number = LEARNED_TERMS.smoothing): number {
  return (successes + k * prior) / (trials + k);
}

/** Points for one signal, or 0; see LEARNED_TERMS for the formula. */
export function termPoints(successes: number, trials: number, prior: number, cfg: { maxPoints: number; scale: number }): number {
  const s = smoothedRate(successes, trials, prior);
  // Reliability priors sit near 100%, so the upside is measured against the headroom that is left.
  const span = s >= prior ? Math.min(cfg.scale, 1 - prior) : Math.min(cfg.scale, prior);
  const raw = span > 0 ? (cfg.maxPoints * (s - prior)) / span : 0;
  // Symmetric rounding so equal distances above and below the prior give equal and opposite points.
  const rounded = Math.sign(raw) * Math.round(Math.abs(raw));
  return Math.max(-cfg.maxPoints, Math.min(cfg.maxPoints, rounded)) || 0;
}

function appendTerm(lines: ScoreLine[], rule: ScoreRule, label: string, successes: number, trials: number, prior: number, cfg: { maxPoints: number; scale: number }): number {
  const points = termPoints(successes, trials, prior, cfg);
  // Zero-point terms are left out of the breakdown (see ScoreResult).
  if (points !== 0) lines.push({ rule, points, detail: `${label} ${successes}/${trials} (agency ${Math.round(prior * 100)}%)` });
  return points;
}

/**
 * Pushes the learned lines that are non-zero onto `lines` and returns their sum (−10…+10); see
 * {@link learnedAdjustment}.
 */
export function appendLearnedLines(lines: ScoreLine[], history: CaregiverHistory | null | undefined, priors: AgencyPriors = DEFAULT_PRIORS): number {
  if (!history || history.offersReceived === 0) return 0;
  const t = LEARNED_TERMS;
  return (
    appendTerm(lines, "learned_response", "responded to", history.offersResponded, history.offersReceived, priors.responseRate, t.response) +
    appendTerm(lines, "learned_acceptance", "accepted", history.offersAccepted, history.offersReceived, priors.acceptanceRate, t.acceptance) +
    appendTerm(lines, "learned_reliability", "worked", history.acceptedShiftsWorked, history.acceptedShiftsDue, priors.reliability, t.reliability)
  );
}

/**
 * The learned adjustment (−10…+10): how this caregiver's response rate, acceptance rate and reliability
 * compare with the agency's own. Kept apart from the seed score so the seed's numbers stay exact and
 * visible; ranking uses seed + learned (see combineScores). No history → 0 points. Lines with 0 points are
 * omitted, like the seed score's.
 */
export function learnedAdjustment(history: CaregiverHistory | null | undefined, priors: AgencyPriors = DEFAULT_PRIORS): ScoreResult {
  const lines: ScoreLine[] = [];
  const score = appendLearnedLines(lines, history, priors);
  return { score, breakdown: lines };
}

/** A candidate's final score: seed score + learned term, clamped to 0–100, with both explanations. */
export interface CombinedScore {
  /** Final score used for tiers and ordering. */
  score: number;
  /** The seed's calculate_match_score, unchanged. */
  seedScore: number;
  /** The learned adjustment, −10…+10. */
  learned: number;
  breakdown: ScoreLine[];
}

/** Adds the learned term to the seed score; a "cap" line records any clamp (e.g. 95 + 10 → 100). */
export function combineScores(seed: ScoreResult, learned: ScoreResult): CombinedScore {
  // Plain loops, not spread/filter: this runs once per eligible caregiver and showed up in the rank profile.
  const lines: ScoreLine[] = [];
  let raw = 0;
  for (const l of seed.breakdown) {
    if (l.rule === "cap") continue;
    lines.push(l);
    raw += l.points;
  }
  for (const l of learned.breakdown) {
    lines.push(l);
    raw += l.points;
  }
  const score = Math.min(100, Math.max(0, raw));
  if (score !== raw) lines.push({ rule: "cap", points: score - raw, detail: "clamped to 0–100" });
  return { score, seedScore: seed.score, learned: learned.score, breakdown: lines };
}
