import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  return "minutes" in d ? ` (${d.minutes} min mula sa iyo)` : ` (${f.miles(d.miles)} milya mula sa iyo)`;
};
const oras = (n: string) => `${n} oras`;
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)}, ${f.range(s, e)}`;
const YES_NO = "Mag-reply ng OO para tanggapin o HINDI kung hindi ka puwede.";

/** Tagalog, in the everyday Taglish Filipino caregivers text in ("shift", "clock in" stay English). */
export const tl: Catalog = {
  offer: (v, f) =>
    lines(
      `Hi ${v.firstName}! Puwede ka bang mag-cover ng shift ${f.dayInline(v.start)}?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${oras(f.hours(v.start, v.end))}`,
      v.workedWith && `Nakatrabaho mo na si ${v.workedWith} dati.`,
      YES_NO,
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `Hi ${v.firstName}! May ilang bakanteng shift sa lugar mo:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Mag-reply ng mga numerong gusto mo (hal., '${n === 3 ? "1 at 3" : "2"}')`,
      `o 'LAHAT' para kunin ${n === 3 ? "ang lahat ng tatlo" : "ang dalawa"}!`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `Kumpirmado ka na sa shift ni ${v.clientFirstName}!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Nasa WellSky app ang care notes",
      `May tanong? Tawagan ang opisina: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "Kumpirmado ka na sa mga shift na ito!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} kay ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Nasa WellSky app ang care notes",
      `May tanong? Tawagan ang opisina: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `Salamat sa mabilis mong sagot! May nakakuha na ng shift na ito (${when(f, v.start, v.end)}, ${v.city}), pero talagang pinapahalagahan ka namin. Aalalahanin ka namin sa susunod! 🙏`,
  offer_already_filled: (v, f) =>
    `Salamat, ${v.firstName}! Kakakuha lang ng iba ng shift sa ${v.city} (${when(f, v.start, v.end)}). Salamat sa mabilis mong sagot, aalalahanin ka namin sa susunod! 🙏`,
  offer_declined_ack: (v) => `Walang problema, ${v.firstName}. Salamat sa pagsabi! Ite-text ka namin sa susunod na shift.`,
  offer_question_answer: (v, f) => {
    const t = when(f, v.start, v.end);
    const h = oras(f.hours(v.start, v.end));
    const answer = {
      time: `Ito ay ${t} (${h}).`,
      place: `Nasa ${v.city} ito${away(v, f)}. Ibibigay namin ang address kapag kumpirmado ka na.`,
      hours: `${h} ito: ${t}.`,
      all: `Ito ay ${t} (${h}) sa ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, YES_NO);
  },
  offer_question_forwarded: () => "Ipinasa ko na rin sa coordinator ang tanong mo; ite-text ka nila.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `Salamat, ${v.firstName}! Ipinasa ko na sa coordinator ang oras mo (${f.range(v.proposal.start, v.proposal.end)}). Ite-text ka nila kung puwede.`
      : `Salamat, ${v.firstName}! Ipinasa ko na sa coordinator ang mensahe mo. Ite-text ka nila kung puwede.`,
  call_off_ack: (v, f) =>
    `Salamat sa pagsabi, ${v.firstName}. Naghahanap na kami ng papalit sa shift mo (${when(f, v.start, v.end)})${v.clientFirstName ? ` kay ${v.clientFirstName}` : ""}. Ingat ka!`,
  call_off_after_hours: (v, f) =>
    lines(
      "Salamat sa pagsabi! Sarado ang opisina ngayon, pero naitala ko na ang mensahe mo. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `Babalikan ka ng isang coordinator pagbukas namin ${f.dayInline(v.opensAt)} ng ${f.time(v.opensAt)}.`
          : "Babalikan ka ng isang coordinator pagbukas ng opisina sa umaga."),
      "",
      `Kung URGENT ito (hindi ka makakapasok sa shift sa susunod na ${v.urgentWithinHours} oras), mag-reply ng URGENT at maghahanap na ako ng papalit ngayon din.`,
    ),
  urgent_ack: (v) =>
    `Sige${v.firstName ? `, ${v.firstName}` : ""}. Naghahanap na ako ng papalit at inabisuhan ko na ang on-call coordinator. Ite-text ka namin kapag may pumalit na.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `Salamat sa abiso, ${v.firstName}! Naitala namin na darating ka mga ${f.time(v.eta)}. Ingat sa biyahe!`
      : v.eta
      ? `Salamat sa abiso, ${v.firstName}! Sasabihan namin ${v.clientFirstName ? `ang pamilya ni ${v.clientFirstName}` : "ang pamilya"} na darating ka mga ${f.time(v.eta)}. Ingat sa biyahe!`
      : `Salamat sa abiso, ${v.firstName}. Mga anong oras ka darating?`,
  client_running_late: (v, f) =>
    `Hi ${v.contactFirstName}, ito po ang ${f.agency}. Medyo mahuhuli si ${v.caregiverFirstName}${v.clientFirstName ? ` sa pagbisita kay ${v.clientFirstName}` : ""} at darating siya mga ${f.time(v.eta)}. Pasensya na po sa paghihintay!`,
  client_caregiver_change: (v, f) =>
    `Hi ${v.contactFirstName}, ito po ang ${f.agency}. May pagbabago sa pagbisita kay ${v.clientFirstName} (${when(f, v.start, v.end)}): si ${v.caregiverFirstName} ang darating. May tanong po? Tumawag sa ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Titingnan ko... Oo! Naka-schedule ka sa:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} kay ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Mag-reply ng CONFIRM para kumpirmahin o sabihin sa akin kung may problema.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Titingnan ko... Wala kang schedule ${f.dayInlineWithWeekday(v.day)}. Gusto mo ba ng dagdag na oras? Sabihin lang kung anong mga araw ang puwede ka.`
      : "Titingnan ko... Wala kang paparating na shift sa schedule. Gusto mo ba ng dagdag na oras? Sabihin lang kung anong mga araw ang puwede ka.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Titingnan ko... Wala kang schedule ${f.dayInlineWithWeekday(v.day)}, kaya walang kailangang i-cancel. Salamat sa pagsabi sa amin! Kung ibang araw ang ibig mong sabihin, sabihin mo kung alin.`
      : "Titingnan ko... Wala kang paparating na shift na kailangang i-cancel. Salamat sa pagsabi sa amin! Kung may partikular na shift ka, sabihin mo ang araw.",
  running_late_no_shift: (_v, f) => `Salamat sa abiso. Wala akong nakikitang shift mo na malapit nang magsimula. Kung papunta ka sa isang visit, tawagan ang opisina: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Para makasiguro: kaya mo ba ang shift sa ${v.shift.city} (${when(f, v.shift.start, v.shift.end)})? Mag-reply ng OO o HINDI.`
        : "Para makasiguro: OO ba o HINDI para sa shift?",
      which_shift: "Aling shift ang ibig mong sabihin? Paki-reply ng araw at oras.",
      which_day: "Aling araw ang ibig mong sabihin?",
      eta: "Mga anong oras ka darating?",
      general: "Pasensya na, hindi ko masyadong naintindihan. Puwede mo bang sabihin sa ibang paraan?",
    })[v.question],
  handoff: (v) =>
    `Salamat${v.firstName ? `, ${v.firstName}` : ""}. Ipinasa ko na ito sa isang coordinator na babalikan ka ${v.afterHours ? "pagbukas ng opisina sa umaga" : "sa lalong madaling panahon"}.`,
  help: (_v, f) => `${f.agency}: mag-text sa numerong ito tungkol sa mga shift mo anumang oras. Opisina: ${f.office}. Mag-reply ng STOP para mag-unsubscribe.`,
  stop_confirm: (_v, f) => `Na-unsubscribe ka na sa mga text ng ${f.agency} at hindi ka na makakatanggap ng mensahe. Mag-reply ng START para mag-subscribe ulit.`,
  start_confirm: (_v, f) => `Naka-subscribe ka na ulit sa mga text ng ${f.agency}. Mag-reply ng HELP para sa tulong o STOP para mag-unsubscribe.`,
  availability_ack: (v) =>
    ({
      more: "Ayos! Anong mga araw at oras ang pinakamainam sa iyo ngayong linggo?",
      same: "Sige, ayos ka na! Sabihan mo lang kami kung may magbago.",
      less: "Walang problema. Anong mga araw ang kailangan mong day off?",
      noted: "Sige, salamat! Naitala ko na ang availability mo para sa coordinator.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Salamat, ${v.firstName}. Sinabihan ko na ang coordinator tungkol sa problema sa ${{ clock_in: "clock-in", clock_out: "clock-out", other: "clock" }[v.kind]}${v.clientFirstName ? ` sa shift mo kay ${v.clientFirstName}` : ""}. Aayusin nila ito sa WellSky.`,
  incident_ack: (v) =>
    `Salamat sa pagsabi${v.firstName ? `, ${v.firstName}` : ""}. Naabisuhan na ang isang coordinator at tatawagan ka agad. Kung may nasa panganib, tumawag sa 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `Salamat, ${v.firstName}! Kumpirmado na ang shift mo (${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}). Ingat!`
      : `Salamat, ${v.firstName}! Kumpirmado na ang ${v.shifts.length} shift mo. Ingat!`,
  unknown_sender: (_v, f) =>
    `Hi! Ito ang text line ng ${f.agency} para sa aming mga caregiver. Hindi namin mahanap ang numero mo sa aming records. Pakitawagan ang opisina sa ${f.office}.`,

  confirm_request: (v, f) =>
    `Hi ${v.firstName}, kinukumpirma namin ang shift mo ${f.dayInline(v.start)} ng ${f.time(v.start)}. Mag-reply ng OO para kumpirmahin o tawagan kami sa ${f.office} kung may problema.`,
  recurring_confirm: (v, f) =>
    lines(
      `Hi ${v.firstName}, kinukumpirma namin ang mga regular mong shift ngayong linggo:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Mag-reply ng ALL GOOD para kumpirmahin lahat, o sabihin kung aling mga shift ang hindi mo kaya.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "Magandang umaga" : "Hi"}, ${v.firstName}! Paalala: Magsisimula ang shift mo kay ${v.clientFirstName} ng ${f.time(v.start)}. Huwag kalimutang mag-clock in pagdating mo! 📍`,
  clock_in_nudge: (v) =>
    `Hi ${v.firstName}, napansin naming hindi ka pa naka-clock in sa shift mo kina ${v.clientFirstName}. Paki-clock in na ngayon o mag-reply kung may problema.`,
  clock_out_nudge: (v, f) => `Hi ${v.firstName}, dapat natapos ang shift mo ng ${f.time(v.end)}. Huwag kalimutang mag-clock out pag-alis mo! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `Hi ${v.firstName}! Mabilis na check-in para sa darating na linggo.`,
      "",
      `Naka-schedule mong oras: ${oras(f.num(v.scheduledHours))}`,
      `Bakanteng shift sa lugar mo: ${oras(f.num(v.openHours))}`,
      "",
      "Gusto mo ba ng dagdag na oras ngayong linggo?",
      "Mag-reply: OO para sa dagdag, HINDI kung ayos ka na, o BAWAS kung kailangan mo ng day off",
    ),
  availability_followup: (v, f) =>
    lines(
      `Salamat sa shift mo ngayon kay ${v.clientFirstName}!`,
      "",
      `Mabilis na tanong: Available ka ba sa katulad na shift ${f.dayInline(v.start)} ${f.range(v.start, v.end)} sa ${v.city}?`,
      "Mag-reply ng OO o HINDI",
    ),
};
