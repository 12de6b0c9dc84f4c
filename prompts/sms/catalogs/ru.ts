import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

/** Russian plural: 1 миля, 2–4 мили, 5+ миль (11–14 take the "many" form). */
function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  if ("minutes" in d) return ` (${d.minutes} мин от вас)`;
  const m = f.miles(d.miles);
  return ` (${m} ${m === "<1" ? "мили" : plural(Number(m), "миля", "мили", "миль")} от вас)`;
};
/** "ч" sidesteps час/часа/часов for fractional hours. */
const ch = (n: string) => `${n} ч`;
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)}, ${f.range(s, e)}`;
const YES_NO = "Ответьте ДА, чтобы принять, или НЕТ, чтобы отказаться.";

/**
 * Russian ("вы" throughout). Client names are kept in apposition ("у клиента Margaret") because foreign
 * names cannot be declined reliably.
 */
export const ru: Catalog = {
  offer: (v, f) =>
    lines(
      `Здравствуйте, ${v.firstName}! Сможете взять смену ${f.dayInline(v.start)}?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${ch(f.hours(v.start, v.end))}`,
      v.workedWith && `Вы уже работали у клиента ${v.workedWith}.`,
      YES_NO,
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `Здравствуйте, ${v.firstName}! Рядом с вами несколько открытых смен:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Ответьте номерами нужных смен (например, «${n === 3 ? "1 и 3" : "2"}»)`,
      `или «ВСЕ», чтобы взять ${n === 3 ? "все три" : "обе"}!`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `Смена у клиента ${v.clientFirstName} подтверждена за вами!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Заметки по уходу — в приложении WellSky",
      `Вопросы? Звоните в офис: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "Эти смены подтверждены за вами!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)}, клиент ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Заметки по уходу — в приложении WellSky",
      `Вопросы? Звоните в офис: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `Спасибо за быстрый ответ! Эта смена (${when(f, v.start, v.end)}, ${v.city}) уже занята, но мы очень ценим вас. Будем иметь вас в виду в следующий раз! 🙏`,
  offer_already_filled: (v, f) =>
    `Спасибо, ${v.firstName}! Смену в ${v.city} (${when(f, v.start, v.end)}) только что взял другой сотрудник. Спасибо за быстрый ответ, будем иметь вас в виду в следующий раз! 🙏`,
  offer_declined_ack: (v) => `Без проблем, ${v.firstName}. Спасибо, что сообщили! Напишем вам о следующей смене.`,
  offer_question_answer: (v, f) => {
    const t = `${f.dayInline(v.start)}, ${f.range(v.start, v.end)}`;
    const h = ch(f.hours(v.start, v.end));
    const answer = {
      time: `Смена ${t} (${h}).`,
      place: `Смена в ${v.city}${away(v, f)}. Адрес пришлём после подтверждения.`,
      hours: `Смена длится ${h}: ${when(f, v.start, v.end)}.`,
      all: `Смена ${t} (${h}), ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, YES_NO);
  },
  offer_question_forwarded: () => "Мы также передали ваш вопрос координатору; вам напишут.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `Спасибо, ${v.firstName}! Мы передали координатору ваше время (${f.range(v.proposal.start, v.proposal.end)}). Вам напишут, если оно подойдёт.`
      : `Спасибо, ${v.firstName}! Мы передали ваше сообщение координатору. Вам напишут, если это подойдёт.`,
  call_off_ack: (v, f) =>
    `Спасибо, что сообщили, ${v.firstName}. Мы уже ищем замену на вашу смену (${when(f, v.start, v.end)}${v.clientFirstName ? `, клиент ${v.clientFirstName}` : ""}). Берегите себя!`,
  call_off_after_hours: (v, f) =>
    lines(
      "Спасибо, что сообщили! Офис сейчас закрыт, но ваше сообщение записано. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `Координатор свяжется с вами, когда офис откроется: ${f.dayShort(v.opensAt)} в ${f.time(v.opensAt)}.`
          : "Координатор свяжется с вами утром, как только откроется офис."),
      "",
      `Если это СРОЧНО (вы не сможете выйти на смену в ближайшие ${v.urgentWithinHours} ч), ответьте СРОЧНО (URGENT), и мы сразу начнём искать замену.`,
    ),
  urgent_ack: (v) =>
    `Поняли${v.firstName ? `, ${v.firstName}` : ""}. Уже ищем замену и предупредили дежурного координатора. Напишем вам, как только смену закроют.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `Спасибо, что предупредили, ${v.firstName}! Отметили, что вы будете около ${f.time(v.eta)}. Осторожно на дороге!`
      : v.eta
      ? `Спасибо, что предупредили, ${v.firstName}! Сообщим ${v.clientFirstName ? `семье клиента ${v.clientFirstName}` : "семье клиента"}, что вы будете около ${f.time(v.eta)}. Осторожно на дороге!`
      : `Спасибо, что предупредили, ${v.firstName}. Примерно во сколько вы будете на месте?`,
  client_running_late: (v, f) =>
    `Здравствуйте, ${v.contactFirstName}! Это ${f.agency}. ${v.caregiverFirstName} немного опаздывает${v.clientFirstName ? ` (визит к клиенту ${v.clientFirstName})` : ""} и будет примерно в ${f.time(v.eta)}. Извините за ожидание!`,
  client_caregiver_change: (v, f) =>
    `Здравствуйте, ${v.contactFirstName}! Это ${f.agency}. Изменение по визиту (${when(f, v.start, v.end)}, клиент ${v.clientFirstName}): приедет ${v.caregiverFirstName}. Вопросы? Звоните ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Сейчас проверю... Да! У вас смены:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)}, клиент ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Ответьте ПОДТВЕРЖДАЮ, чтобы подтвердить, или напишите, если что-то не так.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Сейчас проверю... У вас нет смен ${f.dayInlineWithWeekday(v.day)}. Хотите больше часов? Напишите, какие дни вам подходят.`
      : "Сейчас проверю... У вас пока нет запланированных смен. Хотите больше часов? Напишите, какие дни вам подходят.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Сейчас проверю... У вас нет смен ${f.dayInlineWithWeekday(v.day)}, так что отменять нечего. Спасибо, что предупредили! Если вы имели в виду другой день, напишите какой.`
      : "Сейчас проверю... У вас нет предстоящих смен, которые нужно отменить. Спасибо, что предупредили! Если речь о конкретной смене, напишите день.",
  running_late_no_shift: (_v, f) => `Спасибо, что предупредили. Я не вижу вашей смены, которая скоро начинается. Если вы едете на визит, позвоните, пожалуйста, в офис: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Уточню: сможете взять смену в ${v.shift.city} (${when(f, v.shift.start, v.shift.end)})? Ответьте ДА или НЕТ.`
        : "Уточню: это ДА или НЕТ по смене?",
      which_shift: "Какую смену вы имеете в виду? Напишите день и время.",
      which_day: "Какой день вы имеете в виду?",
      eta: "Примерно во сколько вы будете на месте?",
      general: "Извините, не совсем понятно. Можете написать по-другому?",
    })[v.question],
  handoff: (v) =>
    `Спасибо${v.firstName ? `, ${v.firstName}` : ""}. Мы передали это координатору, он свяжется с вами ${v.afterHours ? "утром, как только откроется офис" : "в ближайшее время"}.`,
  help: (_v, f) => `${f.agency}: пишите на этот номер по поводу смен в любое время. Офис: ${f.office}. Ответьте STOP, чтобы отписаться.`,
  stop_confirm: (_v, f) => `Вы отписались от сообщений ${f.agency} и больше не будете их получать. Ответьте START, чтобы подписаться снова.`,
  start_confirm: (_v, f) => `Вы снова подписаны на сообщения ${f.agency}. Ответьте HELP для помощи или STOP, чтобы отписаться.`,
  availability_ack: (v) =>
    ({
      more: "Отлично! Какие дни и часы вам удобны на этой неделе?",
      same: "Прекрасно, всё в силе! Сообщите, если что-то изменится.",
      less: "Без проблем. Какие дни вам нужны выходными?",
      noted: "Поняли, спасибо! Передадим вашу доступность координатору.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Спасибо, ${v.firstName}. Мы сообщили координатору о проблеме ${{ clock_in: "с отметкой прихода", clock_out: "с отметкой ухода", other: "с отметкой времени" }[v.kind]}${v.clientFirstName ? ` на смене у клиента ${v.clientFirstName}` : ""}. Это исправят в WellSky.`,
  incident_ack: (v) =>
    `Спасибо, что сообщили${v.firstName ? `, ${v.firstName}` : ""}. Координатор уже предупреждён и сразу вам позвонит. Если кому-то грозит опасность, звоните 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `Спасибо, ${v.firstName}! Ваша смена (${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}) подтверждена. Хорошего дня!`
      : `Спасибо, ${v.firstName}! Все смены (${v.shifts.length}) подтверждены. Хорошего дня!`,
  unknown_sender: (_v, f) =>
    `Здравствуйте! Это номер ${f.agency} для наших сотрудников по уходу. Мы не нашли ваш номер в нашей базе. Пожалуйста, позвоните в офис: ${f.office}.`,

  confirm_request: (v, f) =>
    `Здравствуйте, ${v.firstName}! Подтверждаем вашу смену ${f.dayInline(v.start)} в ${f.time(v.start)}. Ответьте ДА для подтверждения или позвоните нам по номеру ${f.office}, если что-то не так.`,
  recurring_confirm: (v, f) =>
    lines(
      `Здравствуйте, ${v.firstName}! Подтверждаем ваши постоянные смены на этой неделе:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Ответьте ВСЁ ОК, чтобы подтвердить все, или напишите, на какие смены вы не сможете выйти.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "Доброе утро" : "Здравствуйте"}, ${v.firstName}! Напоминание: ваша смена у клиента ${v.clientFirstName} начинается в ${f.time(v.start)}. Не забудьте отметиться по приходу! 📍`,
  clock_in_nudge: (v) =>
    `Здравствуйте, ${v.firstName}! Мы видим, что вы ещё не отметили приход на смену у клиента ${v.clientFirstName}. Отметьтесь, пожалуйста, или ответьте, если что-то случилось.`,
  clock_out_nudge: (v, f) => `Здравствуйте, ${v.firstName}! Ваша смена должна была закончиться в ${f.time(v.end)}. Не забудьте отметить уход! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `Здравствуйте, ${v.firstName}! Небольшой вопрос о следующей неделе.`,
      "",
      `Ваши запланированные часы: ${ch(f.num(v.scheduledHours))}`,
      `Открытые смены рядом с вами: ${ch(f.num(v.openHours))}`,
      "",
      "Хотите больше часов на этой неделе?",
      "Ответьте: ДА — больше, НЕТ — всё устраивает, или МЕНЬШЕ, если нужен отдых",
    ),
  availability_followup: (v, f) =>
    lines(
      `Спасибо за сегодняшнюю смену у клиента ${v.clientFirstName}!`,
      "",
      `Короткий вопрос: сможете взять похожую смену ${f.dayInline(v.start)} ${f.range(v.start, v.end)} в ${v.city}?`,
      "Ответьте ДА или НЕТ",
    ),
};
