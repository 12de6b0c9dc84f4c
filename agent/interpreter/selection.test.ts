import { describe, expect, it } from "vitest";
import type { ConversationContext } from "../../domain/intents.js";
import { interpret } from "./index.js";
import { optionFacts } from "./selection.js";

const now = new Date("2026-11-22T17:00:00Z");
const THREE: ConversationContext = {
  kind: "offer",
  options: [
    { n: 1, label: "Mon Nov 23, 2-6pm, Aurora" },
    { n: 2, label: "Tue Nov 24, 9am-1pm, Denver" },
    { n: 3, label: "Thu Nov 26, 2-6pm, Aurora" },
  ],
};
const FOUR: ConversationContext = {
  kind: "offer",
  options: [
    { n: 1, label: "Mon Nov 30, 9am-1pm, Littleton" },
    { n: 2, label: "Wed Dec 2, 9am-1pm, Littleton" },
    { n: 3, label: "Fri Dec 4, 4-8pm, Englewood" },
    { n: 4, label: "Sat Dec 5, 10am-2pm, Denver" },
  ],
};

const pick = (text: string, context: ConversationContext = THREE) => {
  const r = interpret(text, context, { now, timezone: "America/Denver" });
  return { intent: r.intent, selection: r.entities.selection };
};

describe("option labels", () => {
  it("reads weekday and hours from a label", () => {
    expect(optionFacts({ n: 1, label: "Mon Jun 2, 2-6pm, Aurora" })).toEqual({ n: 1, weekday: 1, range: { startMinutes: 840, endMinutes: 1080 } });
    expect(optionFacts({ n: 2, label: "Tue Nov 24, 9am-1pm, Denver" }).range).toEqual({ startMinutes: 540, endMinutes: 780 });
  });
});

describe("selection", () => {
  it.each([
    ["1 and 3", [1, 3]],
    ["1,3", [1, 3]],
    ["1 & 3", [1, 3]],
    ["#3", [3]],
    ["just 2", [2]],
    ["ALL", [1, 2, 3]],
    ["all of them!", [1, 2, 3]],
    ["todos", [1, 2, 3]],
    ["tất cả", [1, 2, 3]],
    ["lahat po", [1, 2, 3]],
    ["все", [1, 2, 3]],
    ["全部", [1, 2, 3]],
    ["tout", [1, 2, 3]],
    ["1️⃣ and 3️⃣", [1, 3]],
    ["one and three", [1, 3]],
    ["el 1 y el 3", [1, 3]],
    ["1 и 3", [1, 3]],
    ["1和3", [1, 3]],
    ["1 at 3 po", [1, 3]],
    ["the monday one", [1]],
    ["the thursday one", [3]],
    ["I can do Monday and Thursday", [1, 3]],
    ["all except 2", [1, 3]],
    ["1 but not 3", [1]],
    ["can't do 2 but 1 and 3 yes", [1, 3]],
    ["just the first one", [1]],
    ["1-3", [1, 2, 3]],
    ["1 thru 3", [1, 2, 3]],
  ])("%s → %j", (text, selection) => {
    expect(pick(text)).toEqual({ intent: "offer_accept", selection });
  });

  it("expands a run of options", () => {
    expect(pick("2-4", FOUR).selection).toEqual([2, 3, 4]);
    expect(pick("1 to 3", FOUR).selection).toEqual([1, 2, 3]);
  });

  it("excludes a weekday after 'all but'", () => {
    expect(pick("all but friday", FOUR).selection).toEqual([1, 2, 4]);
  });

  it("ignores numbers that are times, durations or dates", () => {
    expect(pick("I can be there at 2").selection).toBeUndefined();
    expect(pick("I can do the first 2 hours").selection).toBeUndefined();
    expect(pick("is 11/24 the tuesday one?").intent).toBe("offer_question");
  });

  it("ignores numbers that are not an option", () => {
    expect(pick("7").selection).toBeUndefined();
  });

  it("asks rather than takes when the numbers come as a question", () => {
    expect(pick("is #2 with Mr Chen?")).toEqual({ intent: "offer_question", selection: undefined });
  });

  it("leaves selection unset for a bare yes to several options, with low confidence", () => {
    const r = interpret("yes", THREE, { now, timezone: "America/Denver" });
    expect(r.intent).toBe("offer_accept");
    expect(r.entities.selection).toBeUndefined();
    expect(r.confidence).toBeLessThan(0.7);
  });

  it("declines when no option is picked", () => {
    expect(pick("none sorry").intent).toBe("offer_decline");
    expect(pick("Can't do any of those").intent).toBe("offer_decline");
  });
});

describe("a clause that refuses what it names excludes those picks (batch E)", () => {
  it.each([
    ["I can do monday and thursday. tuesday I cant", [1, 3]],
    ["2 no, 1 and 3 yes", [1, 3]],
    ["Беру вторник и четверг. Понедельник не получится, извините", [2, 3]],
    ["1 ak 2 wi. 3 a non paske m travay yon lòt kote jedi", [1, 2]],
    ["礼拜四那个我可以，其他两天有事去不了", [3]],
    // The refusal ends at "but": what follows is taken.
    ["I cant do monday but tuesday and thursday work", [2, 3]],
    ["I can do the Monday and Thursday ones, Tuesday I have class", [1, 3]],
    ["M ka fè 1 ak 3, men pa 2", [1, 3]],
    ["no puedo el lunes pero el martes y jueves si", [2, 3]],
  ])("%s → %j", (text, selection) => {
    expect(pick(text)).toEqual({ intent: "offer_accept", selection });
  });

  it("a reply that only refuses a pick is a decline, not an acceptance of it", () => {
    expect(pick("no puedo el 2").intent).toBe("offer_decline");
  });
});

describe("ordinals joined by 'and' name options (batch F)", () => {
  it.each([
    ["Могу взять вторую и четвёртую", [2, 4]],
    ["the first and third", [1, 3]],
  ])("%s → %j", (text, selection) => {
    expect(pick(text, text.startsWith("Могу") ? FOUR : THREE)).toEqual({ intent: "offer_accept", selection });
  });
});

describe("a last-word ordinal is an adverb unless it stands alone (through-the-graph miss, batch G)", () => {
  const single: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Tue Dec 8, 8am-2pm, Aurora" }] };
  it("'… I drop my kids at school first' counter-offers; it does not pick option 1", () => {
    expect(interpret("could i do 10-2 instead of 8-2?? i drop my kids at school first", single, { now, timezone: "America/Denver" })).toMatchObject({
      intent: "offer_partial",
      entities: { timeRange: { startMinutes: 600, endMinutes: 840 } },
    });
  });
  it("'first' alone or after 'the' still picks", () => {
    expect(pick("first")).toEqual({ intent: "offer_accept", selection: [1] });
    expect(pick("the first")).toEqual({ intent: "offer_accept", selection: [1] });
  });
});


describe("a verdict right after a number decides that number", () => {
  it.each([
    ["1 yes 2 no 3 yes", [1, 3]],
    ["1 si 2 no 3 si", [1, 3]],
    ["1 ok, 2 no, 3 ok", [1, 3]],
    ["1 and 3. no 2", [1, 3]],
  ])("%s → %j (it used to take the refused 2 as well)", (text, selection) => {
    expect(pick(text)).toEqual({ intent: "offer_accept", selection });
  });
});

describe("'No 2 please' is number 2", () => {
  it("an opening English 'No' before a number, with nothing refusing, picks it", () => {
    expect(pick("No 2 please")).toEqual({ intent: "offer_accept", selection: [2] });
    expect(pick("No 1 and 3 please")).toEqual({ intent: "offer_accept", selection: [1, 3] });
  });

  it("anything regretful keeps it a refusal", () => {
    expect(pick("no 2 sorry").intent).toBe("offer_decline");
    expect(pick("no 2 cant do that one").intent).toBe("offer_decline");
  });
});

describe("batch H: picks with other hours, 'the other two', Russian ordinals", () => {
  const counter = (text: string) => {
    const r = interpret(text, THREE, { now, timezone: "America/Denver" });
    return { intent: r.intent, selection: r.entities.selection, timeRange: r.entities.timeRange };
  };

  it("a pick with other hours is a counter-offer on that option, with its range", () => {
    // Option 1 is 2-6pm: "only until 5" makes it 2-5pm.
    expect(counter("1 yes but only until 5")).toEqual({ intent: "offer_partial", selection: [1], timeRange: { startMinutes: 840, endMinutes: 1020 } });
    expect(counter("I can do #2 but can I start at 10 instead of 9?")).toMatchObject({ intent: "offer_partial", selection: [2] });
  });

  it("'only 2' without a time is still a pick", () => {
    expect(pick("only 2")).toEqual({ intent: "offer_accept", selection: [2] });
  });

  it("'the other two' counts the remaining options; it does not name option 2", () => {
    expect(pick("Ill take #3. cant do the other two sorry")).toEqual({ intent: "offer_accept", selection: [3] });
    expect(pick("3 please, the other 2 I cant")).toEqual({ intent: "offer_accept", selection: [3] });
  });

  it("Russian ordinals name options wherever they stand", () => {
    expect(pick("Возьму вторую, первая не получится")).toEqual({ intent: "offer_accept", selection: [2] });
  });
});

describe("'the 3 one' (batch K)", () => {
  it("'one' right after a number is a pronoun, not option 1", () => {
    expect(pick("Sí, the 3 one, the thursday. I take it")).toEqual({ intent: "offer_accept", selection: [3] });
  });
});

describe("ALL after picks, and 两 (batch L)", () => {
  it("after picks in the same clause, an ALL word means those picks", () => {
    expect(pick("第2個和第3個我都可以做")).toEqual({ intent: "offer_accept", selection: [2, 3] });
    expect(pick("2 and 3 both")).toEqual({ intent: "offer_accept", selection: [2, 3] });
    expect(pick("I'll take 2. Actually all of them")).toEqual({ intent: "offer_accept", selection: [1, 2, 3] });
  });

  it("两 counts; it does not name option 2", () => {
    const two: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Mon Nov 30, 2-6pm, Aurora" }, { n: 2, label: "Tue Dec 1, 9am-1pm, Denver" }] };
    expect(pick("两个都要 👍", two)).toEqual({ intent: "offer_accept", selection: [1, 2] });
  });

  it("'никак' refuses the day it names", () => {
    const weekend: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Sat Jun 7, 9am-1pm, Aurora" }] };
    expect(pick("Нет, спасибо, в ту субботу никак", weekend).intent).toBe("offer_decline");
  });
});
