import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  return "minutes" in d ? ` (${d.minutes} minit de kote w)` : ` (${f.miles(d.miles)} mil de kote w)`;
};
const edtan = (n: string) => `${n} èdtan`;
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)}, ${f.range(s, e)}`;
const YES_NO = "Reponn WI pou aksepte oswa NON pou pase.";

/** Haitian Creole ("shift" is the word caregivers use; kept). */
export const ht: Catalog = {
  offer: (v, f) =>
    lines(
      `Bonjou ${v.firstName}! Èske ou ka pran yon shift ${f.dayInline(v.start)}?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${edtan(f.hours(v.start, v.end))}`,
      v.workedWith && `Ou te deja travay ak ${v.workedWith}.`,
      YES_NO,
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `Bonjou ${v.firstName}! Nou gen plizyè shift ki louvri bò kote w:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Reponn ak nimewo ou vle yo (egz., '${n === 3 ? "1 ak 3" : "2"}')`,
      `oswa 'TOUT' pou pran ${n === 3 ? "tou le twa" : "tou de"}!`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `Ou konfime pou shift ${v.clientFirstName} la!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Nòt swen yo nan app WellSky la",
      `Kesyon? Rele biwo a: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "Ou konfime pou shift sa yo!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} ak ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Nòt swen yo nan app WellSky la",
      `Kesyon? Rele biwo a: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `Mèsi paske ou reponn vit! Shift sa a (${when(f, v.start, v.end)}, ${v.city}) gentan pran, men nou apresye w anpil. N ap sonje w pou pwochen an! 🙏`,
  offer_already_filled: (v, f) =>
    `Mèsi, ${v.firstName}! Yon lòt moun fèk pran shift ${v.city} la (${when(f, v.start, v.end)}). Nou apresye repons rapid ou, n ap sonje w pou pwochen an! 🙏`,
  offer_declined_ack: (v) => `Pa gen pwoblèm, ${v.firstName}. Mèsi paske ou fè nou konnen! N ap voye mesaj ba ou pou pwochen shift la.`,
  offer_question_answer: (v, f) => {
    const t = when(f, v.start, v.end);
    const h = edtan(f.hours(v.start, v.end));
    const answer = {
      time: `Se ${t} (${h}).`,
      place: `Se nan ${v.city}${away(v, f)}. W ap resevwa adrès la lè ou konfime.`,
      hours: `Se ${h}: ${t}.`,
      all: `Se ${t} (${h}) nan ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, YES_NO);
  },
  offer_question_forwarded: () => "Mwen pase kesyon ou a bay kowòdonatè a tou; y ap voye mesaj ba ou.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `Mèsi, ${v.firstName}! Mwen pase lè ou pwopoze a (${f.range(v.proposal.start, v.proposal.end)}) bay kowòdonatè a. Y ap voye mesaj ba ou si sa mache.`
      : `Mèsi, ${v.firstName}! Mwen pase mesaj ou a bay kowòdonatè a. Y ap voye mesaj ba ou si sa mache.`,
  call_off_ack: (v, f) =>
    `Mèsi paske ou fè nou konnen, ${v.firstName}. N ap chèche yon moun pou ranplase w nan shift ou a (${when(f, v.start, v.end)})${v.clientFirstName ? ` ak ${v.clientFirstName}` : ""}. Pran swen tèt ou!`,
  call_off_after_hours: (v, f) =>
    lines(
      "Mèsi paske ou fè nou konnen! Biwo a fèmen kounye a, men mwen anrejistre mesaj ou a. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `Yon kowòdonatè ap kontakte w lè biwo a louvri ${f.dayInline(v.opensAt)} a ${f.time(v.opensAt)}.`
          : "Yon kowòdonatè ap kontakte w depi biwo a louvri nan maten."),
      "",
      `Si se IJAN (ou pa ka fè yon shift nan ${v.urgentWithinHours} pwochen èdtan yo), reponn IJAN (URGENT) epi m ap kòmanse chèche yon ranplasan kounye a.`,
    ),
  urgent_ack: (v) =>
    `Dakò${v.firstName ? `, ${v.firstName}` : ""}. M ap chèche yon ranplasan kounye a e mwen avèti kowòdonatè ki de gad la. N ap voye mesaj ba ou depi yon moun pran shift la.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `Mèsi paske ou avèti nou, ${v.firstName}! Nou note w ap rive vè ${f.time(v.eta)}. Kondui ak prekosyon!`
      : v.eta
      ? `Mèsi paske ou avèti nou, ${v.firstName}! N ap di ${v.clientFirstName ? `fanmi ${v.clientFirstName}` : "fanmi kliyan an"} w ap rive vè ${f.time(v.eta)}. Kondui ak prekosyon!`
      : `Mèsi paske ou avèti nou, ${v.firstName}. Vè ki lè w ap rive?`,
  client_running_late: (v, f) =>
    `Bonjou ${v.contactFirstName}, se ${f.agency}. ${v.caregiverFirstName} ap gen yon ti reta${v.clientFirstName ? ` pou vizit ${v.clientFirstName} la` : ""}, l ap rive vè ${f.time(v.eta)}. Nou regrèt ou oblije tann!`,
  client_caregiver_change: (v, f) =>
    `Bonjou ${v.contactFirstName}, se ${f.agency}. Chanjman pou vizit ${v.clientFirstName} la (${when(f, v.start, v.end)}): se ${v.caregiverFirstName} ki pral vini. Kesyon? Rele ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Kite m tcheke... Wi! Ou gen travay:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} ak ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Reponn KONFIME pou konfime oswa di m si gen yon pwoblèm.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Kite m tcheke... Ou pa gen travay ${f.dayInlineWithWeekday(v.day)}. Ou vle plis èdtan? Di nou ki jou ki bon pou ou.`
      : "Kite m tcheke... Ou pa gen okenn shift ki pwograme pou kounye a. Ou vle plis èdtan? Di nou ki jou ki bon pou ou.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Kite m tcheke... Ou pa gen travay ${f.dayInlineWithWeekday(v.day)}, donk pa gen anyen pou anile. Mèsi paske ou fè nou konnen! Si se yon lòt jou ou vle di, di nou ki jou.`
      : "Kite m tcheke... Ou pa gen okenn shift ki pral vini pou anile. Mèsi paske ou fè nou konnen! Si se yon shift espesifik, di nou ki jou.",
  running_late_no_shift: (_v, f) => `Mèsi paske ou avèti nou. Mwen pa wè okenn shift ou ki pral kòmanse byento. Si w ap fè wout pou yon vizit, tanpri rele biwo a: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Jis pou m asire m: èske ou ka pran shift nan ${v.shift.city} la (${when(f, v.shift.start, v.shift.end)})? Reponn WI oswa NON.`
        : "Jis pou m asire m: se WI oswa NON pou shift la?",
      which_shift: "Ki shift ou vle di? Tanpri reponn ak jou a ak lè a.",
      which_day: "Ki jou ou vle di?",
      eta: "Vè ki lè w ap rive?",
      general: "Eskize m, mwen pa byen konprann. Èske ou ka di l yon lòt jan?",
    })[v.question],
  handoff: (v) =>
    `Mèsi${v.firstName ? `, ${v.firstName}` : ""}. Mwen pase sa bay yon kowòdonatè, ki pral kontakte w ${v.afterHours ? "depi biwo a louvri nan maten" : "byento"}.`,
  help: (_v, f) => `${f.agency}: voye mesaj nan nimewo sa a pou shift ou yo nenpòt ki lè. Biwo: ${f.office}. Reponn STOP pou dezabòne.`,
  stop_confirm: (_v, f) => `Ou dezabòne nan mesaj ${f.agency} yo, ou p ap resevwa lòt mesaj ankò. Reponn START pou reabòne.`,
  start_confirm: (_v, f) => `Ou reabòne nan mesaj ${f.agency} yo. Reponn HELP pou èd oswa STOP pou dezabòne.`,
  availability_ack: (v) =>
    ({
      more: "Bèl bagay! Ki jou ak ki lè ki pi bon pou ou semèn sa a?",
      same: "Pafè, tout bagay anfòm! Fè nou konnen si gen yon bagay ki chanje.",
      less: "Pa gen pwoblèm. Ki jou ou bezwen konje?",
      noted: "Dakò, mèsi! Mwen note disponiblite w pou kowòdonatè a.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Mèsi, ${v.firstName}. Mwen fè kowòdonatè a konnen pwoblèm ${{ clock_in: "pwentaj antre a", clock_out: "pwentaj sòti a", other: "pwentaj la" }[v.kind]}${v.clientFirstName ? ` pou shift ou ak ${v.clientFirstName}` : ""}. Y ap korije l nan WellSky.`,
  incident_ack: (v) =>
    `Mèsi paske ou di nou sa${v.firstName ? `, ${v.firstName}` : ""}. Nou avèti yon kowòdonatè, l ap rele w touswit. Si yon moun an danje, rele 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `Mèsi, ${v.firstName}! Shift ou a (${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}) konfime. Bon travay!`
      : `Mèsi, ${v.firstName}! Tout ${v.shifts.length} shift ou yo konfime. Bon travay!`,
  unknown_sender: (_v, f) =>
    `Bonjou! Sa a se liy tèks ${f.agency} pou moun k ap bay swen yo. Nou pa jwenn nimewo w nan dosye nou. Tanpri rele biwo a nan ${f.office}.`,

  confirm_request: (v, f) =>
    `Bonjou ${v.firstName}, n ap konfime shift ou ${f.dayInline(v.start)} a ${f.time(v.start)}. Reponn WI pou konfime oswa rele nou nan ${f.office} si gen yon pwoblèm.`,
  recurring_confirm: (v, f) =>
    lines(
      `Bonjou ${v.firstName}, n ap konfime shift regilye ou yo semèn sa a:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Reponn TOUT BON pou konfime yo tout, oswa di nou ki shift ou pa ka fè.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "Bonjou" : "Bonswa"} ${v.firstName}! Rapèl: Shift ou ak ${v.clientFirstName} kòmanse a ${f.time(v.start)}. Pa bliye pwente lè ou rive! 📍`,
  clock_in_nudge: (v) =>
    `Bonjou ${v.firstName}, nou remake ou poko pwente pou shift ou lakay ${v.clientFirstName}. Tanpri pwente kounye a oswa reponn si gen yon pwoblèm.`,
  clock_out_nudge: (v, f) => `Bonjou ${v.firstName}, shift ou te dwe fini a ${f.time(v.end)}. Pa bliye pwente sòti lè w ap kite! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `Bonjou ${v.firstName}! Yon ti tchek rapid pou semèn k ap vini an.`,
      "",
      `Èdtan ou pwograme kounye a: ${edtan(f.num(v.scheduledHours))}`,
      `Shift ki louvri bò kote w: ${edtan(f.num(v.openHours))}`,
      "",
      "Èske ou vle plis èdtan semèn sa a?",
      "Reponn: WI pou plis, NON si ou byen, oswa MWENS si ou bezwen konje",
    ),
  availability_followup: (v, f) =>
    lines(
      `Mèsi pou shift jodi a ak ${v.clientFirstName}!`,
      "",
      `Yon ti kesyon: Èske ou disponib pou yon shift konsa ${f.dayInline(v.start)} ${f.range(v.start, v.end)} nan ${v.city}?`,
      "Reponn WI oswa NON",
    ),
};
