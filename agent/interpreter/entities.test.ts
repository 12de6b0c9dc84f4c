import { describe, expect, it } from "vitest";
import type { ConversationContext } from "../../domain/intents.js";
import { interpret } from "./index.js";

const TZ = "America/Denver";
// Sunday 22 Nov 2026, 10:00 in Denver (17:00 UTC).
const SUNDAY_MORNING = new Date("2026-11-22T17:00:00Z");
// Sunday 22 Nov 2026, 23:00 in Denver, which is already Monday 06:00 UTC.
const SUNDAY_LATE = new Date("2026-11-23T06:00:00Z");
const NONE: ConversationContext = { kind: "none" };
const OFFER: ConversationContext = { kind: "offer", options: [{ n: 1, label: "Tue Nov 24, 2-6pm, Aurora" }] };

const entities = (text: string, context: ConversationContext = NONE, now = SUNDAY_MORNING) =>
  interpret(text, context, { now, timezone: TZ }).entities;

describe("dates relative to now in the agency timezone", () => {
  it.each([
    ["sick today", "2026-11-22"],
    ["can't come tmrw", "2026-11-23"],
    ["can't come tomorrow", "2026-11-23"],
    ["can't come tomorow", "2026-11-23"],
    ["can't do Thursday", "2026-11-26"],
    ["no puedo ir mañana", "2026-11-23"],
    ["hindi ako makakapasok bukas", "2026-11-23"],
    ["ngày mai em không đi làm được", "2026-11-23"],
    ["ngay mai em khong di lam duoc", "2026-11-23"],
    ["m pap ka vini demen", "2026-11-23"],
    ["завтра не смогу", "2026-11-23"],
    ["明天我去不了", "2026-11-23"],
    ["pasado mañana no puedo", "2026-11-24"],
    ["can't work 11/24", "2026-11-24"],
    ["time off Dec 20-27", "2026-12-20"],
    ["do I work the 24th?", "2026-11-24"],
    ["我11月26日不能上班", "2026-11-26"],
  ])("%s → %s", (text, date) => {
    expect(entities(text).date).toBe(date);
  });

  it("treats a weekday named on that same day as today", () => {
    expect(entities("can't come Sunday").date).toBe("2026-11-22");
  });

  it("keeps the local day at 11 pm Sunday in Denver although UTC is already Monday", () => {
    expect(entities("can't come today", NONE, SUNDAY_LATE).date).toBe("2026-11-22");
    expect(entities("can't come tomorrow", NONE, SUNDAY_LATE).date).toBe("2026-11-23");
    expect(entities("can't come Monday", NONE, SUNDAY_LATE).date).toBe("2026-11-23");
  });

  it("rolls a month/day that has passed into next year", () => {
    const lateDecember = new Date("2026-12-28T17:00:00Z");
    expect(entities("off 1/5 please", NONE, lateDecember).date).toBe("2027-01-05");
  });

  it("does not read 'la mañana' (the morning) as tomorrow", () => {
    expect(entities("el lunes en la mañana").date).toBe("2026-11-23");
    expect(entities("a las 9 de la mañana").date).toBeUndefined();
  });
});

describe("times", () => {
  it.each([
    ["do I work at 9 tomorrow?", 540],
    ["my shift at 2pm", 840],
    ["is it 14:00?", 840],
    ["I'll be there at 9:30", 570],
    ["be there by 9:20", 560],
    ["a las 3 de la tarde", 900],
    ["下午两点", 840],
    ["at noon", 720],
  ])("%s → %i minutes", (text, minutes) => {
    expect(entities(text).timeMinutes).toBe(minutes);
  });
});

describe("ETA", () => {
  it.each([
    ["15 min late", 15],
    ["running 20 minutes behind", 20],
    ["be there in half an hour", 30],
    ["be there in 10", 10],
    ["Late 15", 15],
    ["an hour late, car trouble", 60],
    ["llego en media hora, voy tarde", 30],
    ["em bị kẹt xe, trễ 15 phút", 15],
    ["Опаздываю минут на 15", 15],
    ["我会迟到十五分钟", 15],
  ])("%s → %i", (text, eta) => {
    const r = interpret(text, NONE, { now: SUNDAY_MORNING, timezone: TZ });
    expect(r.intent).toBe("running_late");
    expect(r.entities.etaMinutes).toBe(eta);
  });

  it("only reports an ETA for running-late messages", () => {
    expect(entities("I can do the first 2 hours", OFFER).etaMinutes).toBeUndefined();
  });
});

describe("time ranges", () => {
  it.each([
    ["I could do 8:30-11:30", 510, 690],
    ["I can do 2–4", 840, 960],
    ["from 2 to 6pm", 840, 1080],
    ["9-1", 540, 780],
    ["11-3pm", 660, 900],
    ["9am-1pm", 540, 780],
    ["Puedo de 3 a 6", 900, 1080],
    ["Могу с 3 до 6", 900, 1080],
    ["我可以两点到五点", 840, 1020],
    ["8pm-8am overnight", 1200, 1920],
  ])("%s → %i–%i", (text, start, end) => {
    expect(entities(text, OFFER).timeRange).toEqual({ startMinutes: start, endMinutes: end });
  });

  it("completes a one-sided counter-offer from the offered shift", () => {
    expect(entities("I can only stay until 4", OFFER).timeRange).toEqual({ startMinutes: 840, endMinutes: 960 });
    expect(entities("I can come at 3 instead", OFFER).timeRange).toEqual({ startMinutes: 900, endMinutes: 1080 });
  });

  it("does not read a date span as a time range", () => {
    expect(entities("off Dec 20-27").timeRange).toBeUndefined();
  });
});
