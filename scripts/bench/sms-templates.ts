import { LANGUAGES } from "../../domain/types.js";
import { renderSms, type SmsContext } from "../../prompts/sms/index.js";
import { SAMPLES } from "../../prompts/sms/samples.js";

/**
 * Recognises the server's SMS by template from the outside (GET /dev/outbox has no template id), using the one
 * renderer rather than copied wording: each template is rendered twice with different variables, in every
 * language, and the lines both renderings share (the fixed copy, e.g. "Reply YES to accept or NO to pass.") are
 * its signature. A text matches when it holds every signature line of one language.
 */
export interface SmsRecognizer {
  /** A shift offer: single (`offer`) or bundled (`offer_bundle`, 2 or 3 options). */
  isOffer(text: string): boolean;
  /** The winner's "you're confirmed" text (`offer_confirmed`). */
  isConfirmation(text: string): boolean;
}

/** `ctx`: the server's agency (office phone and timezone appear in some fixed lines). */
export function smsRecognizer(ctx: Omit<SmsContext, "now">): SmsRecognizer {
  const now = new Date("2026-06-03T16:00:00Z");
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);
  const c: SmsContext = { ...ctx, now };
  const option = (h: number, name: string, city: string) => ({ start: at(h), end: at(h + 4), clientFirstName: name, city });
  const bundle = (first: string, names: string[], base: number) => ({ firstName: first, options: names.map((n, i) => option(base + 24 * i, n, `${n}ville`)) });

  const signatures = (render: (lang: (typeof LANGUAGES)[number]) => [string, string]) =>
    LANGUAGES.map((lang) => {
      const [a, b] = render(lang);
      const other = new Set(lines(b));
      return lines(a).filter((l) => other.has(l));
    }).filter((s) => s.length > 0);

  const offers = [
    ...signatures((l) => [renderSms("offer", l, SAMPLES.offer, c), renderSms("offer", l, { firstName: "Zoe", start: at(30), end: at(33), city: "Boulder", distanceMiles: 12 }, c)]),
    ...signatures((l) => [renderSms("offer_bundle", l, bundle("Zoe", ["Ann", "Bob", "Cy"], 26), c), renderSms("offer_bundle", l, bundle("Max", ["Dee", "Eve", "Fay"], 50), c)]),
    ...signatures((l) => [renderSms("offer_bundle", l, bundle("Zoe", ["Ann", "Bob"], 26), c), renderSms("offer_bundle", l, bundle("Max", ["Dee", "Eve"], 50), c)]),
  ];
  const confirmations = signatures((l) => [
    renderSms("offer_confirmed", l, SAMPLES.offer_confirmed, c),
    renderSms("offer_confirmed", l, { clientFirstName: "Zoe", start: at(30), end: at(33), address: "9 Elm St, Boulder" }, c),
  ]);
  const matches = (sigs: string[][], text: string) => {
    const have = new Set(lines(text));
    return sigs.some((sig) => sig.every((l) => have.has(l)));
  };
  return { isOffer: (t) => matches(offers, t), isConfirmation: (t) => matches(confirmations, t) };
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
