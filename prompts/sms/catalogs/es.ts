import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  if ("minutes" in d) return ` (${d.minutes} min de ti)`;
  const m = f.miles(d.miles);
  return ` (${m} ${m === "1" ? "milla" : "millas"} de ti)`;
};
const horas = (n: string) => `${n} ${n === "1" ? "hora" : "horas"}`;
/** "(hoy, 2:00 PM - 6:00 PM)". */
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)}, ${f.range(s, e)}`;
/** "a las 2:00 PM" but "a la 1:00 PM". */
const aLas = (f: Fmt, d: Date) => `${f.hour(d) % 12 === 1 ? "a la" : "a las"} ${f.time(d)}`;

/** Spanish (tú with caregivers, usted with families), following the seed's example. */
export const es: Catalog = {
  offer: (v, f) =>
    lines(
      `¡Hola ${v.firstName}! ¿Puedes cubrir un turno ${f.dayInline(v.start)}?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${horas(f.hours(v.start, v.end))}`,
      v.workedWith && `Ya has trabajado con ${v.workedWith}.`,
      "Responde SÍ para aceptar o NO para pasar.",
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `¡Hola ${v.firstName}! Tenemos varios turnos abiertos en tu zona:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Responde con los números que quieres (p. ej., '${n === 3 ? "1 y 3" : "2"}')`,
      `o 'TODOS' para tomar ${n === 3 ? "los tres" : "los dos"}.`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `¡Tu turno con ${v.clientFirstName} está confirmado!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Notas de cuidado en la app de WellSky",
      `¿Preguntas? Llama a la oficina: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "¡Tus turnos están confirmados!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} con ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Notas de cuidado en la app de WellSky",
      `¿Preguntas? Llama a la oficina: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `¡Gracias por responder tan rápido! Este turno (${when(f, v.start, v.end)}, ${v.city}) ya se cubrió, pero de verdad te lo agradecemos. ¡Te tendremos en cuenta para el próximo! 🙏`,
  offer_already_filled: (v, f) =>
    `¡Gracias, ${v.firstName}! El turno en ${v.city} (${when(f, v.start, v.end)}) ya lo tomó otra persona. Agradecemos tu rápida respuesta y te tendremos en cuenta para el próximo. 🙏`,
  offer_declined_ack: (v) => `No hay problema, ${v.firstName}. ¡Gracias por avisarnos! Te escribiremos cuando haya otro turno.`,
  offer_question_answer: (v, f) => {
    const t = `${f.dayInline(v.start)}, ${f.range(v.start, v.end)}`;
    const h = horas(f.hours(v.start, v.end));
    const answer = {
      time: `Es ${t} (${h}).`,
      place: `Es en ${v.city}${away(v, f)}. Te daremos la dirección cuando quedes confirmado.`,
      hours: `Son ${h}: ${when(f, v.start, v.end)}.`,
      all: `Es ${t} (${h}) en ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, "Responde SÍ para aceptar o NO para pasar.");
  },
  offer_question_forwarded: () => "También le pasé tu pregunta al coordinador; te escribirán.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `¡Gracias, ${v.firstName}! Le pasé tu horario (${f.range(v.proposal.start, v.proposal.end)}) al coordinador. Te avisarán si funciona.`
      : `¡Gracias, ${v.firstName}! Le pasé tu mensaje al coordinador. Te avisarán si funciona.`,
  call_off_ack: (v, f) =>
    `Gracias por avisarnos, ${v.firstName}. Ya estamos buscando quien cubra tu turno (${when(f, v.start, v.end)})${v.clientFirstName ? ` con ${v.clientFirstName}` : ""}. ¡Cuídate!`,
  call_off_after_hours: (v, f) =>
    lines(
      "¡Gracias por avisarnos! Nuestra oficina está cerrada ahora, pero ya registré tu mensaje. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `Un coordinador te contactará cuando abramos, ${f.dayInline(v.opensAt)} ${aLas(f, v.opensAt)}.`
          : "Un coordinador te contactará a primera hora de la mañana."),
      "",
      `Si es URGENTE (no puedes ir a un turno en las próximas ${v.urgentWithinHours} horas), responde URGENTE y empezaré a buscar cobertura ahora mismo.`,
    ),
  urgent_ack: (v) =>
    `Entendido${v.firstName ? `, ${v.firstName}` : ""}. Ya estoy buscando cobertura y avisé al coordinador de guardia. Te escribiremos en cuanto esté cubierto.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `¡Gracias por avisar, ${v.firstName}! Anotamos que llegarás alrededor de ${aLas(f, v.eta).replace(/^a /, "")}. ¡Maneja con cuidado!`
      : v.eta
      ? `¡Gracias por avisar, ${v.firstName}! Le diremos a ${v.clientFirstName ? `la familia de ${v.clientFirstName}` : "la familia"} que llegarás alrededor de ${aLas(f, v.eta).replace(/^a /, "")}. ¡Maneja con cuidado!`
      : `Gracias por avisar, ${v.firstName}. ¿A qué hora crees que llegarás?`,
  client_running_late: (v, f) =>
    `Hola ${v.contactFirstName}, le escribe ${f.agency}. ${v.caregiverFirstName} va un poco tarde${v.clientFirstName ? ` a la visita de ${v.clientFirstName}` : ""} y llegará alrededor de ${aLas(f, v.eta).replace(/^a /, "")}. ¡Disculpe la espera!`,
  client_caregiver_change: (v, f) =>
    `Hola ${v.contactFirstName}, le escribe ${f.agency}. Cambio en la visita de ${v.clientFirstName} (${when(f, v.start, v.end)}): irá ${v.caregiverFirstName}. ¿Preguntas? Llame al ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Déjame revisar... ¡Sí! Tienes turno:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} con ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Responde CONFIRMAR para confirmar o avísame si hay algún problema.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Déjame revisar... No tienes turno ${f.dayInlineWithWeekday(v.day)}. ¿Quieres más horas? Dinos qué días te funcionan.`
      : "Déjame revisar... No tienes turnos próximos en el horario. ¿Quieres más horas? Dinos qué días te funcionan.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Déjame revisar... No tienes turno ${f.dayInlineWithWeekday(v.day)}, así que no hay nada que cancelar. ¡Gracias por avisarnos! Si te referías a otro día, dinos cuál.`
      : "Déjame revisar... No tienes ningún turno próximo que cancelar. ¡Gracias por avisarnos! Si te refieres a un turno en particular, dinos qué día.",
  running_late_no_shift: (_v, f) => `Gracias por avisar. No veo ningún turno tuyo que empiece pronto. Si vas camino a una visita, llama a la oficina: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Solo para confirmar: ¿puedes tomar el turno en ${v.shift.city} (${when(f, v.shift.start, v.shift.end)})? Responde SÍ o NO.`
        : "Solo para confirmar: ¿es un SÍ o un NO para el turno?",
      which_shift: "¿A qué turno te refieres? Responde con el día y la hora.",
      which_day: "¿A qué día te refieres?",
      eta: "¿A qué hora crees que llegarás?",
      general: "Perdón, no te entendí bien. ¿Me lo puedes decir de otra forma?",
    })[v.question],
  handoff: (v) =>
    `Gracias${v.firstName ? `, ${v.firstName}` : ""}. Le pasé esto a un coordinador, que te contactará ${v.afterHours ? "a primera hora de la mañana" : "pronto"}.`,
  help: (_v, f) => `${f.agency}: escríbenos a este número sobre tus turnos cuando quieras. Oficina: ${f.office}. Responde STOP para darte de baja.`,
  stop_confirm: (_v, f) => `Te diste de baja de los mensajes de ${f.agency} y no recibirás más. Responde START para volver a suscribirte.`,
  start_confirm: (_v, f) => `Volviste a suscribirte a los mensajes de ${f.agency}. Responde HELP para ayuda o STOP para darte de baja.`,
  availability_ack: (v) =>
    ({
      more: "¡Genial! ¿Qué días y horarios te funcionan mejor esta semana?",
      same: "¡Perfecto, todo listo! Avísanos si algo cambia.",
      less: "No hay problema. ¿Qué días necesitas libres?",
      noted: "¡Entendido, gracias! Anoté tu disponibilidad para el coordinador.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Gracias, ${v.firstName}. Le avisé al coordinador del problema con ${{ clock_in: "el registro de entrada", clock_out: "el registro de salida", other: "el registro de horas" }[v.kind]}${v.clientFirstName ? ` en tu turno con ${v.clientFirstName}` : ""}. Lo corregirán en WellSky.`,
  incident_ack: (v) =>
    `Gracias por avisarnos${v.firstName ? `, ${v.firstName}` : ""}. Ya alertamos a un coordinador y te llamará de inmediato. Si alguien está en peligro, llama al 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `¡Gracias, ${v.firstName}! Tu turno (${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}) está confirmado. ¡Que te vaya bien!`
      : `¡Gracias, ${v.firstName}! Tus ${v.shifts.length} turnos están confirmados. ¡Que te vaya bien!`,
  unknown_sender: (_v, f) =>
    `¡Hola! Esta es la línea de mensajes de ${f.agency} para nuestros cuidadores. No encontramos tu número en nuestros registros. Por favor llama a la oficina al ${f.office}.`,

  confirm_request: (v, f) =>
    `Hola ${v.firstName}, te confirmamos tu turno ${f.dayInline(v.start)} ${aLas(f, v.start)}. Responde SÍ para confirmar o llámanos al ${f.office} si hay algún problema.`,
  recurring_confirm: (v, f) =>
    lines(
      `Hola ${v.firstName}, te confirmamos tus turnos fijos de esta semana:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Responde TODO BIEN para confirmarlos todos, o dinos a cuáles no puedes ir.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "¡Buenos días" : "¡Hola"}, ${v.firstName}! Recordatorio: tu turno con ${v.clientFirstName} empieza ${aLas(f, v.start)}. ¡No olvides registrar tu entrada al llegar! 📍`,
  clock_in_nudge: (v) =>
    `Hola ${v.firstName}, notamos que aún no registraste tu entrada en casa de ${v.clientFirstName}. Por favor regístrala ahora o responde si hay algún problema.`,
  clock_out_nudge: (v, f) => `Hola ${v.firstName}, tu turno terminaba ${aLas(f, v.end)}. ¡Por favor registra tu salida al irte! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `¡Hola ${v.firstName}! Una consulta rápida para la semana que viene.`,
      "",
      `Tus horas programadas: ${horas(f.num(v.scheduledHours))}`,
      `Turnos abiertos en tu zona: ${horas(f.num(v.openHours))}`,
      "",
      "¿Buscas más horas esta semana?",
      "Responde: SÍ para más, NO si estás bien, o MENOS si necesitas tiempo libre",
    ),
  availability_followup: (v, f) =>
    lines(
      `¡Gracias por el turno de hoy con ${v.clientFirstName}!`,
      "",
      `Pregunta rápida: ¿Estás disponible para un turno parecido ${f.dayInline(v.start)} ${f.range(v.start, v.end)} en ${v.city}?`,
      "Responde SÍ o NO",
    ),
};
