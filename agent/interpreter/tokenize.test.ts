import { describe, expect, it } from "vitest";
import { canonicalize, editDistance } from "./canonical.js";
import { segmentHan } from "./lexicons/index.js";
import { foldWord } from "./normalize.js";
import { emojiBase, tokenize } from "./tokenize.js";

const norms = (text: string) => tokenize(text, segmentHan).map((t) => t.norm);
const kinds = (text: string) => tokenize(text, segmentHan).map((t) => t.kind);

describe("tokenize", () => {
  it("lower-cases, drops apostrophes and keeps punctuation as tokens", () => {
    expect(norms("I can't make it, SORRY!")).toEqual(["i", "cant", "make", "it", ",", "sorry", "!"]);
  });

  it("strips diacritics for matching but keeps the raw text", () => {
    const [t] = tokenize("mañana");
    expect(t).toMatchObject({ raw: "mañana", norm: "manana", kind: "word" });
    expect(norms("Hôm nay em bị bệnh")).toEqual(["hom", "nay", "em", "bi", "benh"]);
    expect(foldWord("đi")).toBe("di");
    expect(norms("mèsi anpil")).toEqual(["mesi", "anpil"]);
  });

  it("reads clock times, numbers and ranges as separate tokens", () => {
    expect(norms("8:30-11:30")).toEqual(["8:30", "-", "11:30"]);
    expect(kinds("8:30-11:30")).toEqual(["time", "punct", "time"]);
    expect(norms("2pm")).toEqual(["2", "pm"]);
    expect(norms("11/24")).toEqual(["11", "/", "24"]);
  });

  it("reduces emoji to their base: skin tones, VS16 and ZWJ sequences", () => {
    expect(norms("👍🏽")).toEqual(["👍"]);
    expect(norms("🙋‍♀️")).toEqual(["🙋"]);
    expect(norms("🙅🏻‍♂️")).toEqual(["🙅"]);
    expect(norms("✔️")).toEqual(["✔"]);
    expect(emojiBase("👩🏾‍⚕️")).toBe("👩");
    expect(kinds("ok👍")).toEqual(["word", "emoji"]);
  });

  it("reads keycap digits as numbers", () => {
    expect(tokenize("1️⃣ and 3️⃣").map((t) => [t.norm, t.kind])).toEqual([
      ["1", "number"],
      ["and", "word"],
      ["3", "number"],
    ]);
  });

  it("rewrites digit-glued SMS shorthands", () => {
    expect(norms("cant come 2day or 2moro")).toEqual(["cant", "come", "today", "or", "tomorrow"]);
  });

  it("normalizes full-width characters from Chinese keyboards", () => {
    expect(norms("３点？")).toEqual(["3", "点", "?"]);
  });

  it("segments Chinese with the lexicon, longest word first, and reads Chinese numerals", () => {
    expect(norms("不好意思")).toEqual(["不好意思"]);
    expect(norms("我会迟到十五分钟")).toEqual(["我", "会", "迟到", "15", "分钟"]);
    expect(norms("APP打不了卡")).toEqual(["app", "打不了卡"]);
  });

  it("maps traditional Chinese to simplified", () => {
    expect(norms("沒問題")).toEqual(["没问题"]);
  });

  it("keeps Cyrillic words whole", () => {
    expect(norms("Я заболела")).toEqual(["я", "заболела"]);
  });
});

describe("canonicalize", () => {
  const canon = (text: string, lang: Parameters<typeof canonicalize>[1] = "en") => canonicalize(tokenize(text), lang).map((t) => t.norm);

  it("expands SMS aliases", () => {
    expect(canon("tmrw")).toEqual(["tomorrow"]);
    expect(canon("see u tmr")).toEqual(["see", "you", "tomorrow"]);
  });

  it("applies a language's own shorthands", () => {
    expect(canon("ko di lam duoc", "vi")).toEqual(["khong", "di", "lam", "duoc"]);
  });

  it("collapses stretched words", () => {
    expect(canon("nooooo")).toEqual(["no"]);
    expect(canon("pleaseeee")).toEqual(["please"]);
  });

  it("corrects typos in longer words and flags them", () => {
    const [t] = canonicalize(tokenize("confrim"), "en");
    expect(t).toMatchObject({ norm: "confirm", fuzzy: true });
    expect(canon("availble")).toEqual(["available"]);
    expect(canon("tommorow")).toEqual(["tomorrow"]);
  });

  it("never corrects short words or real words", () => {
    expect(canon("know")).toEqual(["know"]);
    expect(canon("there")).toEqual(["there"]);
    expect(canon("cart")).toEqual(["cart"]);
  });
});

describe("editDistance", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("confrim", "confirm", 2)).toBe(1);
    expect(editDistance("sick", "sik", 2)).toBe(1);
    expect(editDistance("tomorow", "tomorrow", 2)).toBe(1);
  });

  it("stops early beyond the limit", () => {
    expect(editDistance("hello", "goodbye", 1)).toBe(2);
  });
});
