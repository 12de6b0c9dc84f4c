import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { LANGUAGES, type Language } from "../../domain/types.js";
import { renderSms } from "./render.js";
import { SAMPLE_CTX, SAMPLES } from "./samples.js";
import { MULTI_SHIFT_TEMPLATES, SMS_TEMPLATE_IDS, type SmsTemplateId, type SmsVarsInput } from "./vars.js";

const TZ = "America/Denver";
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const render = <K extends SmsTemplateId>(id: K, lang: Language, vars: SmsVarsInput[K]) => renderSms(id, lang, vars, SAMPLE_CTX);

/** Every name/place field at its schema maximum, to prove the length budget holds in the worst case. */
function maxed(v: unknown): unknown {
  if (v instanceof Date || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(maxed);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (/FirstName$|^firstName$|^workedWith$/.test(k)) out[k] = "Maximiliana-Guadalupe-Josefin".padEnd(30, "a");
    else if (k === "city") out[k] = "Greenwood Village North Industrial Park".padEnd(40, "k");
    else if (k === "address") out[k] = "12345 East Mississippi Avenue, Apartment 1204, Building C, Greenwood Village".padEnd(100, "x");
    else out[k] = maxed(x);
  }
  return out;
}
const MAX_CTX = { ...SAMPLE_CTX, agencyName: "Colorado Care Assist Home Health Agency".padEnd(40, "y") };

describe("every template in every language", () => {
  for (const id of SMS_TEMPLATE_IDS) {
    for (const lang of LANGUAGES) {
      it(`${id} [${lang}] renders with no leftovers and within budget`, () => {
        const text = render(id, lang, SAMPLES[id] as never);
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/[[\]{}]|undefined|null|NaN|Invalid DateTime|\$\{/);
        expect(text).not.toMatch(/\n{3,}/);
        const worst = renderSms(id, lang, maxed(SAMPLES[id]) as never, MAX_CTX);
        if (!MULTI_SHIFT_TEMPLATES.includes(id)) expect(worst.length).toBeLessThan(480);
      });
    }
  }

  it("every language has its own copy (no template silently falls back to English)", () => {
    for (const id of SMS_TEMPLATE_IDS) {
      const english = render(id, "en", SAMPLES[id] as never);
      for (const lang of LANGUAGES.filter((l) => l !== "en")) expect(render(id, lang, SAMPLES[id] as never), `${id} [${lang}]`).not.toBe(english);
    }
  });
});

describe("English copy follows the seed", () => {
  it("INITIAL OUTREACH", () => {
    expect(render("offer", "en", SAMPLES.offer)).toBe(
      [
        "Hi Maria! Can you cover a shift today?",
        "📍 Aurora (15 min from you)",
        "⏰ 2-6pm",
        "💰 4 hrs",
        "You've worked with Margaret before.",
        "Reply YES to accept or NO to pass.",
      ].join("\n"),
    );
    // Without the optional line, and with miles instead of drive time, on a later day.
    expect(render("offer", "en", { firstName: "Ana", start: at("2026-06-06T09:00"), end: at("2026-06-06T13:30"), city: "Denver", distanceMiles: 4.4 })).toBe(
      ["Hi Ana! Can you cover a shift on Sat 6/6?", "📍 Denver (4 mi from you)", "⏰ 9am-1:30pm", "💰 4.5 hrs", "Reply YES to accept or NO to pass."].join("\n"),
    );
  });

  it("Bundled Shift Offer", () => {
    expect(render("offer_bundle", "en", SAMPLES.offer_bundle)).toBe(
      [
        "Hi Maria! We have multiple open shifts in your area:",
        "",
        "1️⃣ Today 2-6pm - Margaret - Aurora",
        "2️⃣ Tomorrow 9am-1pm - Robert - Denver",
        "3️⃣ Fri 6/5 2-6:30pm - Linda - Aurora",
        "",
        "Reply with the numbers you want (e.g., '1 and 3')",
        "or 'ALL' to take all three!",
      ].join("\n"),
    );
    const two = render("offer_bundle", "en", { firstName: "Maria", options: SAMPLES.offer_bundle.options.slice(0, 2) });
    expect(two).toContain("(e.g., '2')\nor 'ALL' to take both!");
  });

  it("ACCEPTANCE CONFIRMATION / To WINNER", () => {
    expect(render("offer_confirmed", "en", SAMPLES.offer_confirmed)).toBe(
      [
        "You're confirmed for Margaret's shift!",
        "📅 Today 2-6pm",
        "📍 123 Main St, Aurora",
        "📝 Care notes in WellSky app",
        "Questions? Call office: (303) 555-0100",
      ].join("\n"),
    );
  });

  it("one confirmation for the shifts of a bundle won with one reply", () => {
    expect(render("offer_confirmed_bundle", "en", SAMPLES.offer_confirmed_bundle)).toBe(
      [
        "You're confirmed for these shifts!",
        "📅 Today (Wed) 2-6pm with Margaret",
        "📍 123 Main St, Aurora",
        "📅 Fri 6/5 2-6:30pm with Linda",
        "📍 45 Elm Ave, Aurora",
        "📝 Care notes in WellSky app",
        "Questions? Call office: (303) 555-0100",
      ].join("\n"),
    );
  });

  it("a call-off or 'running late' with no shift to act on", () => {
    expect(render("call_off_no_shift", "en", SAMPLES.call_off_no_shift)).toBe(
      "Let me check... You're not on the schedule tomorrow (Thu), so there's nothing to cancel. Thanks for letting us know! If you meant another day, tell us which one.",
    );
    expect(render("call_off_no_shift", "en", {})).toBe(
      "Let me check... You don't have an upcoming shift to cancel. Thanks for letting us know! If you meant a particular shift, tell us the day.",
    );
    expect(render("running_late_no_shift", "en", {})).toBe(
      "Thanks for the heads-up. I don't see a shift of yours starting soon. If you're on your way to a visit, please call the office: (303) 555-0100",
    );
  });

  it("SHIFT FILLED (to others)", () => {
    expect(render("offer_filled", "en", SAMPLES.offer_filled)).toBe(
      "Thanks for your quick response! This shift (today 2-6pm, Aurora) has been filled, but we really appreciate you. We'll keep you in mind for the next one! 🙏",
    );
  });

  it("Off-Hours auto-reply, with the office opening tomorrow or after a weekend", () => {
    const seed =
      "Thanks for letting us know! Our office is closed right now, but I've logged your message. A coordinator will follow up first thing in the morning.\n\n" +
      "If this is URGENT (you can't make a shift in the next 4 hours), reply URGENT and I'll start looking for coverage now.";
    expect(render("call_off_after_hours", "en", SAMPLES.call_off_after_hours)).toBe(seed);
    expect(render("call_off_after_hours", "en", {})).toBe(seed);
    expect(renderSms("call_off_after_hours", "en", { opensAt: at("2026-06-08T08:00") }, { ...SAMPLE_CTX, now: at("2026-06-05T19:00") })).toContain(
      "A coordinator will follow up when we open on Mon 6/8 at 8am.",
    );
  });

  it("Do I work tomorrow?", () => {
    expect(render("schedule_answer", "en", SAMPLES.schedule_answer)).toBe(
      [
        "Let me check... Yes! You're scheduled for:",
        "📅 Tomorrow (Thu) 9am-1pm with Margaret",
        "📍 123 Main St, Aurora",
        "",
        "Reply CONFIRM to confirm or let me know if there's an issue.",
      ].join("\n"),
    );
    expect(render("schedule_none", "en", SAMPLES.schedule_none)).toBe(
      "Let me check... You're not scheduled tomorrow (Thu). Want more hours? Just tell us which days work.",
    );
  });

  it("Recurring, clock-in/out, availability and confirmation prompts", () => {
    expect(render("recurring_confirm", "en", SAMPLES.recurring_confirm)).toBe(
      [
        "Hi Maria, confirming your recurring shifts this week:",
        "",
        "📅 Mon 6/8 9am-1pm - Margaret",
        "📅 Wed 6/10 9am-1pm - Margaret",
        "📅 Fri 6/12 2-6pm - Robert",
        "",
        "Reply ALL GOOD to confirm all, or tell us which shifts you can't make.",
      ].join("\n"),
    );
    expect(render("clock_in_reminder", "en", SAMPLES.clock_in_reminder)).toBe(
      "Good morning Maria! Reminder: Your shift with Margaret starts at 9am. Don't forget to clock in when you arrive! 📍",
    );
    expect(render("clock_in_nudge", "en", SAMPLES.clock_in_nudge)).toBe(
      "Hi Maria, we noticed you haven't clocked in yet for your shift at Margaret's. Please clock in now or reply if there's an issue.",
    );
    expect(render("clock_out_nudge", "en", SAMPLES.clock_out_nudge)).toBe("Hi Maria, your shift was scheduled to end at 1pm. Please clock out when you leave! ⏰");
    expect(render("availability_checkin", "en", SAMPLES.availability_checkin)).toBe(
      [
        "Hi Maria! Quick check-in for the week ahead.",
        "",
        "Your current scheduled hours: 24 hrs",
        "Open shifts available in your area: 12 hrs",
        "",
        "Are you looking for more hours this week?",
        "Reply: YES for more, NO I'm good, or LESS if you need time off",
      ].join("\n"),
    );
    expect(render("availability_followup", "en", SAMPLES.availability_followup)).toBe(
      "Thanks for today's shift with Margaret!\n\nQuick question: Are you available for a similar shift tomorrow 2-6pm in Aurora?\nReply YES or NO",
    );
    expect(render("confirm_request", "en", SAMPLES.confirm_request)).toBe(
      "Hi Maria, confirming your shift tomorrow at 9am. Reply YES to confirm or call us at (303) 555-0100 if there's an issue.",
    );
    expect(["more", "same", "less"].map((answer) => render("availability_ack", "en", { answer: answer as "more" }))).toEqual([
      "Great! What days/times work best for you this week?",
      "Perfect, you're all set! Let us know if anything changes.",
      "No problem. Which days do you need off?",
    ]);
  });

  it("conversation replies", () => {
    expect(render("offer_already_filled", "en", SAMPLES.offer_already_filled)).toBe(
      "Thanks, Maria! The shift today 2-6pm in Aurora was just filled by someone else. We appreciate your quick response and will keep you in mind for the next one! 🙏",
    );
    expect(render("call_off_ack", "en", SAMPLES.call_off_ack)).toBe(
      "Thanks for letting us know, Maria. We're finding coverage for your shift tomorrow 9am-1pm with Margaret now. Take care!",
    );
    expect(render("running_late_ack", "en", { firstName: "Maria" })).toBe("Thanks for the heads-up, Maria. About what time will you get there?");
    expect(render("client_running_late", "en", SAMPLES.client_running_late)).toBe(
      "Hi Susan, this is Colorado Care Assist. Maria is running a little late for Margaret's visit and expects to arrive around 2:20pm. Sorry for the wait!",
    );
    expect(render("client_caregiver_change", "en", SAMPLES.client_caregiver_change)).toBe(
      "Hi Susan, this is Colorado Care Assist. Update for Margaret's visit today 2-6pm: Ana will be the caregiver. Questions? Call (303) 555-0100.",
    );
    expect(render("help", "en", {})).toBe("Colorado Care Assist: text this number about your shifts anytime. Office: (303) 555-0100. Reply STOP to opt out.");
    for (const topic of ["time", "place", "hours"] as const) {
      expect(render("offer_question_answer", "en", { ...SAMPLES.offer_question_answer, topic })).toMatch(/\nReply YES to accept or NO to pass\.$/);
    }
    expect(render("offer_question_answer", "en", { ...SAMPLES.offer_question_answer, topic: "place" })).toBe(
      "It's in Aurora (6 mi from you). You'll get the address once you're confirmed.\nReply YES to accept or NO to pass.",
    );
  });
});

describe("other languages", () => {
  it("Spanish offer follows the seed's example", () => {
    const es = render("offer", "es", { firstName: "Rosa", ...{ start: at("2026-06-03T14:00"), end: at("2026-06-03T18:00") }, city: "Aurora", driveMinutes: 15 });
    expect(es).toBe(
      ["¡Hola Rosa! ¿Puedes cubrir un turno hoy?", "📍 Aurora (15 min de ti)", "⏰ 2:00 PM - 6:00 PM", "💰 4 horas", "Responde SÍ para aceptar o NO para pasar."].join("\n"),
    );
  });

  it("24-hour clocks for vi, ru, zh; 12-hour for es, tl, ht", () => {
    const v = SAMPLES.offer;
    expect(render("offer", "ru", v)).toContain("⏰ 14:00–18:00");
    expect(render("offer", "vi", v)).toContain("⏰ 14:00–18:00");
    expect(render("offer", "zh", v)).toContain("⏰ 14:00–18:00");
    for (const l of ["es", "tl", "ht"] as const) expect(render("offer", l, v)).toContain("⏰ 2:00 PM - 6:00 PM");
  });

  it("dates and decimals follow the language", () => {
    const sat = { firstName: "Ana", start: at("2026-06-06T09:00"), end: at("2026-06-06T13:30"), city: "Denver" };
    expect(render("offer", "es", sat)).toContain("¿Puedes cubrir un turno el sáb 6 jun?");
    expect(render("offer", "es", sat)).toContain("💰 4.5 horas");
    expect(render("offer", "ru", sat)).toContain("Сможете взять смену 6 июня (сб)?");
    expect(render("offer", "ru", sat)).toContain("💰 4,5 ч");
    expect(render("offer", "vi", sat)).toContain("vào Thứ Bảy 6/6");
    expect(render("offer", "zh", sat)).toContain("6月6日（周六）可以帮忙接一个班吗？");
    expect(render("offer", "ht", sat)).toContain("Èske ou ka pran yon shift samdi 6 jen?");
    expect(render("offer", "tl", sat)).toContain("sa Sab, Hun 6?");
  });

  it("Spanish says 'a la 1:00' but 'a las 9:00'", () => {
    expect(render("confirm_request", "es", { firstName: "Rosa", start: at("2026-06-04T13:00") })).toContain("mañana a la 1:00 PM");
    expect(render("confirm_request", "es", SAMPLES.confirm_request)).toContain("mañana a las 9:00 AM");
  });

  it("Russian pluralises miles", () => {
    const v = (miles: number) => render("offer", "ru", { ...SAMPLES.offer, driveMinutes: undefined, distanceMiles: miles });
    expect(v(1)).toContain("(1 миля от вас)");
    expect(v(3)).toContain("(3 мили от вас)");
    expect(v(12)).toContain("(12 миль от вас)");
    expect(v(21)).toContain("(21 миля от вас)");
  });

  it("urgent keyword keeps the English word in parentheses where the local word differs", () => {
    for (const l of ["vi", "ht", "ru", "zh"] as const) expect(render("call_off_after_hours", l, {})).toContain("(URGENT)");
    expect(render("call_off_after_hours", "es", {})).toContain("responde URGENTE");
  });
});

describe("formatting", () => {
  const offerAt = (a: string, b: string) => render("offer", "en", { firstName: "A", start: at(a), end: at(b), city: "Aurora" }).split("\n")[2];
  it("compact English ranges", () => {
    expect(offerAt("2026-06-03T14:00", "2026-06-03T18:00")).toBe("⏰ 2-6pm");
    expect(offerAt("2026-06-03T09:00", "2026-06-03T13:00")).toBe("⏰ 9am-1pm");
    expect(offerAt("2026-06-03T09:30", "2026-06-03T11:00")).toBe("⏰ 9:30-11am");
    expect(offerAt("2026-06-03T12:00", "2026-06-03T16:00")).toBe("⏰ 12-4pm");
    expect(offerAt("2026-06-03T22:00", "2026-06-04T06:00")).toBe("⏰ 10pm-6am");
    expect(offerAt("2026-06-03T08:00", "2026-06-04T07:00")).toBe("⏰ 8am-7am");
  });

  it("uses the agency timezone, not the server's", () => {
    const ny = renderSms("offer", "en", SAMPLES.offer, { ...SAMPLE_CTX, timezone: "America/New_York" });
    expect(ny).toContain("⏰ 4-8pm");
  });

  it("Today/Tomorrow are relative to the agency's local day", () => {
    // 11:30pm Denver on the 2nd is already the 3rd in UTC; the 3rd is still "tomorrow".
    const late = renderSms("offer", "en", SAMPLES.offer, { ...SAMPLE_CTX, now: at("2026-06-02T23:30") });
    expect(late).toContain("cover a shift tomorrow?");
  });
});

describe("privacy", () => {
  it("a client's last name or phone passed in vars is never rendered", () => {
    const leaky = {
      ...SAMPLES.offer_confirmed,
      lastName: "Johnson",
      clientLastName: "Johnson",
      phone: "+13035559999",
      clientPhone: "+13035559999",
    };
    for (const id of SMS_TEMPLATE_IDS) {
      for (const lang of LANGUAGES) {
        const vars = { ...(SAMPLES[id] as object), lastName: "Johnson", clientLastName: "Johnson", phone: "+13035559999", clientPhone: "(303) 555-9999" };
        const text = renderSms(id, lang, vars as never, SAMPLE_CTX);
        expect(text).not.toMatch(/Johnson|555-?9999/);
      }
    }
    expect(renderSms("offer_confirmed", "en", leaky as never, SAMPLE_CTX)).not.toContain("Johnson");
  });

  it("the vars types reject last names and phones at compile time", () => {
    const base = SAMPLES.offer_confirmed;
    // @ts-expect-error — no template accepts a client's last name
    renderSms("offer_confirmed", "en", { ...base, clientLastName: "Johnson" }, SAMPLE_CTX);
    // @ts-expect-error — nor a phone number
    renderSms("offer", "en", { ...SAMPLES.offer, clientPhone: "+13035559999" }, SAMPLE_CTX);
    expect(true).toBe(true);
  });

  it("addresses appear only after assignment (offer_confirmed, offer_confirmed_bundle, schedule_answer)", () => {
    const withAddress = SMS_TEMPLATE_IDS.filter((id) => JSON.stringify(SAMPLES[id]).includes("123 Main St"));
    expect(withAddress.sort()).toEqual(["offer_confirmed", "offer_confirmed_bundle", "schedule_answer"]);
  });
});

describe("validation", () => {
  it("clips over-long names, cities and addresses instead of refusing to send", () => {
    const long = "Maria Guadalupe de los Angeles Fernandez-Montoya";
    const text = render("offer_confirmed", "en", { ...SAMPLES.offer_confirmed, clientFirstName: long, address: "9".repeat(300) });
    expect(text).toContain("You're confirmed for Maria Guadalupe de los Angeles's shift!"); // first 30 characters
    expect(text).toContain(`📍 ${"9".repeat(100)}\n`);
  });

  it("rejects shifts that end before they start and out-of-range bundles", () => {
    expect(() => render("offer", "en", { ...SAMPLES.offer, end: SAMPLES.offer.start })).toThrow();
    expect(() => render("offer_bundle", "en", { firstName: "A", options: SAMPLES.offer_bundle.options.slice(0, 1) })).toThrow();
    expect(() => render("offer", "en", { ...SAMPLES.offer, firstName: "" })).toThrow();
  });
});
