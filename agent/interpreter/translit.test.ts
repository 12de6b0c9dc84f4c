import { describe, expect, it } from "vitest";
import type { ConversationContext } from "../../domain/intents.js";
import { interpret } from "./index.js";
import { knowsRussianWord } from "./lexicons/index.js";
import { cyrillize, joinDigitLetters } from "./translit.js";

const now = new Date("2026-11-24T17:00:00Z");
const run = (text: string, context: ConversationContext = { kind: "none" }) => interpret(text, context, { now, timezone: "America/Denver" });

describe("translit: Russian in Latin letters", () => {
  it("reads the common spellings of each letter", () => {
    expect(cyrillize("zavtra")).toBe("завтра");
    expect(cyrillize("segodnya")).toBe("сегодня");
    expect(cyrillize("segodnq")).toBe("сегодня");
    expect(cyrillize("opazdyvayu")).toBe("опаздываю");
    expect(cyrillize("khorosho")).toBe("хорошо");
    expect(cyrillize("horosho")).toBe("хорошо");
  });

  it("picks the reading the Russian lexicon knows where a letter is ambiguous", () => {
    // j is й in one style and ж in another; w is ш or щ.
    expect(cyrillize("nujna", knowsRussianWord)).toBe("нужна");
    expect(cyrillize("jenwina", knowsRussianWord)).toBe("женщина");
    expect(cyrillize("moj")).toBe("мои"); // й, folded to и like the lexicon's words
  });

  it("joins digits used as letters, and leaves numbers and times alone", () => {
    expect(joinDigitLetters("4to u menya sei4as")).toBe("chto u menya seichas");
    expect(joinDigitLetters("budu 4erez 20 minut, k 4pm")).toBe("budu cherez 20 minut, k 4pm");
    expect(joinDigitLetters("3a 10 minut")).toBe("za 10 minut");
  });

  it("understands translit messages like Cyrillic ones", () => {
    expect(run("izvinite ya segodnya ne smogu prijti, zabolela")).toMatchObject({ intent: "call_off", language: "ru" });
    expect(run("zaderzhivayus, budu 4erez 20 minut")).toMatchObject({ intent: "running_late", language: "ru", entities: { etaMinutes: 20 } });
    expect(run("u menq v subbotu est' smena ili net?")).toMatchObject({ intent: "schedule_query", language: "ru" });
    expect(run("do4' Mr Johnson skazala 4to v pyatnicu ya im ne nujna")).toMatchObject({ intent: "schedule_change", language: "ru" });
    const two: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Mon Nov 30, 2-6pm, Aurora" }, { n: 2, label: "Tue Dec 1, 9am-1pm, Denver" }] };
    expect(run("vozmu vtoruyu", two)).toMatchObject({ intent: "offer_accept", language: "ru", entities: { selection: [2] } });
  });

  it("keeps borrowed English words and other languages as they are", () => {
    expect(run("sorry prospala, budu k 9:45", { kind: "clock_nudge" })).toMatchObject({ intent: "running_late", language: "ru" });
    // Not Russian: nothing is transliterated.
    expect(run("running late, be there at 4pm")).toMatchObject({ intent: "running_late", language: "en", entities: { timeMinutes: 960 } });
    expect(run("voy tarde 10 min")).toMatchObject({ intent: "running_late", language: "es" });
  });
});

describe("ALL inside a refusal takes nothing", () => {
  it("'к сожалению нет, все эти дни меня не будет' declines every option", () => {
    const three: ConversationContext = { kind: "offer", options: [1, 2, 3].map((n) => ({ n, label: `Mon Nov ${29 + n}, 2-6pm, Aurora` })) };
    expect(run("к сожалению нет, все эти дни меня не будет в городе", three)).toMatchObject({ intent: "offer_decline" });
    expect(run("all of them no, sorry I'm out of town", three).intent).toBe("offer_decline");
    expect(run("all 3 yes", three)).toMatchObject({ intent: "offer_accept", entities: { selection: [1, 2, 3] } });
  });
});

describe("offer questions", () => {
  const one: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Tue Nov 24, 2-6pm, Aurora" }] };
  it("an unrecognised question under an offer is taken as about the offer (answered with its facts)", () => {
    expect(run("客户家有猫吗？", one)).toMatchObject({ intent: "offer_question" });
  });
  it("a pick with an impossible range but a time is still a counter-offer", () => {
    const two: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Sat Jun 7, 12-6pm, Parker" }, { n: 2, label: "Sun Jun 8, 12-6pm, Parker" }] };
    expect(run("I'd love the Saturday one but I have a game till 1, could I come at 2 instead?", two)).toMatchObject({ intent: "offer_partial", entities: { selection: [1] } });
  });
});
