import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  return "minutes" in d ? `（离您${d.minutes}分钟）` : `（离您${f.miles(d.miles)}英里）`;
};
const hrs = (n: string) => `${n}小时`;
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)} ${f.range(s, e)}`;
const YES_NO = "回复“是”接受，或回复“否”放弃。";

/** Simplified Chinese (Mandarin), polite 您 throughout. */
export const zh: Catalog = {
  offer: (v, f) =>
    lines(
      `您好，${v.firstName}！${f.dayInline(v.start)}可以帮忙接一个班吗？`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${hrs(f.hours(v.start, v.end))}`,
      v.workedWith && `您之前服务过${v.workedWith}。`,
      YES_NO,
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `您好，${v.firstName}！您附近有几个空缺班次：`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `请回复您想要的编号（例如“${n === 3 ? "1和3" : "2"}”）`,
      `或回复“全部”接下${n === 3 ? "全部三个" : "两个"}班次！`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `您已确认接下${v.clientFirstName}的班次！`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 护理记录请查看WellSky应用",
      `有问题？请致电办公室：${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "您已确认接下以下班次！",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)}，客户${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 护理记录请查看WellSky应用",
      `有问题？请致电办公室：${f.office}`,
    ),
  offer_filled: (v, f) =>
    `感谢您的快速回复！这个班次（${when(f, v.start, v.end)}，${v.city}）已有人接，但我们非常感谢您。下次有班会先想到您！🙏`,
  offer_already_filled: (v, f) =>
    `谢谢，${v.firstName}！${v.city}的班次（${when(f, v.start, v.end)}）刚刚已由其他同事接下。感谢您的快速回复，下次有班会先想到您！🙏`,
  offer_declined_ack: (v) => `没问题，${v.firstName}。谢谢告知！下次有班再联系您。`,
  offer_question_answer: (v, f) => {
    const t = when(f, v.start, v.end);
    const h = hrs(f.hours(v.start, v.end));
    const answer = {
      time: `班次时间：${t}（${h}）。`,
      place: `地点在${v.city}${away(v, f)}。确认后我们会发给您详细地址。`,
      hours: `共${h}：${t}。`,
      all: `班次：${t}（${h}），地点${v.city}${away(v, f)}。`,
    }[v.topic];
    return lines(answer, YES_NO);
  },
  offer_question_forwarded: () => "我们也已把您的问题转给协调员，他们会发短信给您。",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `谢谢，${v.firstName}！我们已把您提出的时间（${f.range(v.proposal.start, v.proposal.end)}）转给协调员，如果可以会通知您。`
      : `谢谢，${v.firstName}！我们已把您的留言转给协调员，如果可以会通知您。`,
  call_off_ack: (v, f) =>
    `谢谢告知，${v.firstName}。我们正在为您的班次（${when(f, v.start, v.end)}${v.clientFirstName ? `，客户${v.clientFirstName}` : ""}）找人替班。请保重！`,
  call_off_after_hours: (v, f) =>
    lines(
      "谢谢告知！办公室现在已下班，但我已记录您的留言。" +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `办公室开门时（${f.dayShort(v.opensAt)} ${f.time(v.opensAt)}）协调员会联系您。`
          : "明早办公室开门后，协调员会第一时间联系您。"),
      "",
      `如果情况紧急（您在接下来${v.urgentWithinHours}小时内的班次无法到岗），请回复“紧急”(URGENT)，我会立即开始找人替班。`,
    ),
  urgent_ack: (v) => `收到${v.firstName ? `，${v.firstName}` : ""}。我正在立即找人替班，并已通知值班协调员。一有人接班就会告诉您。`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `谢谢提前告知，${v.firstName}！已记下您大约${f.time(v.eta)}到。路上注意安全！`
      : v.eta
      ? `谢谢提前告知，${v.firstName}！我们会告诉${v.clientFirstName ? `${v.clientFirstName}的家人` : "客户家人"}您大约${f.time(v.eta)}到。路上注意安全！`
      : `谢谢提前告知，${v.firstName}。您大概几点能到？`,
  client_running_late: (v, f) =>
    `${v.contactFirstName}您好，这里是${f.agency}。${v.caregiverFirstName}${v.clientFirstName ? `前往${v.clientFirstName}处` : ""}会稍晚一些，预计${f.time(v.eta)}左右到达。抱歉让您久等！`,
  client_caregiver_change: (v, f) =>
    `${v.contactFirstName}您好，这里是${f.agency}。${v.clientFirstName}的护理（${when(f, v.start, v.end)}）有变动：将由${v.caregiverFirstName}前来服务。如有问题请致电${f.office}。`,
  schedule_answer: (v, f) =>
    lines(
      "我查一下……有的！您的班次：",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)}，客户${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "回复“确认”即可确认，如有问题请告诉我。",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `我查一下……您${f.dayInlineWithWeekday(v.day)}没有排班。想多排些工时吗？告诉我们哪些天方便即可。`
      : "我查一下……您目前没有即将到来的排班。想多排些工时吗？告诉我们哪些天方便即可。",
  call_off_no_shift: (v, f) =>
    v.day
      ? `我查一下……您${f.dayInlineWithWeekday(v.day)}没有排班，所以不需要取消。谢谢您告知我们！如果您指的是其他日期，请告诉我们是哪一天。`
      : "我查一下……您没有需要取消的即将到来的班次。谢谢您告知我们！如果您指的是某个班次，请告诉我们日期。",
  running_late_no_shift: (_v, f) => `谢谢您提前告知。我没有看到您即将开始的班次。如果您正在前往探访的路上，请致电办公室：${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `跟您确认一下：您能接${v.shift.city}的这个班次（${when(f, v.shift.start, v.shift.end)}）吗？请回复“是”或“否”。`
        : "跟您确认一下：这个班次您接还是不接？请回复“是”或“否”。",
      which_shift: "您指的是哪个班次？请回复日期和时间。",
      which_day: "您指的是哪一天？",
      eta: "您大概几点能到？",
      general: "抱歉，我没太明白。能换个说法吗？",
    })[v.question],
  handoff: (v) =>
    `谢谢${v.firstName ? `，${v.firstName}` : ""}。我已转交给协调员，${v.afterHours ? "明早办公室开门后会联系您" : "他们会尽快联系您"}。`,
  help: (_v, f) => `${f.agency}：有关班次的事随时可以发短信到这个号码。办公室：${f.office}。回复STOP退订。`,
  stop_confirm: (_v, f) => `您已退订${f.agency}的短信，之后不会再收到消息。回复START可重新订阅。`,
  start_confirm: (_v, f) => `您已重新订阅${f.agency}的短信。回复HELP获取帮助，回复STOP退订。`,
  availability_ack: (v) =>
    ({
      more: "太好了！这周哪些天、什么时间最适合您？",
      same: "好的，都安排好了！如有变化请告诉我们。",
      less: "没问题。您哪几天需要休息？",
      noted: "收到，谢谢！我已为协调员记录您可以上班的时间。",
    })[v.answer],
  clock_issue_ack: (v) =>
    `谢谢，${v.firstName}。我已将${{ clock_in: "上班打卡", clock_out: "下班打卡", other: "打卡" }[v.kind]}问题告知协调员${v.clientFirstName ? `（客户${v.clientFirstName}的班次）` : ""}，他们会在WellSky里更正。`,
  incident_ack: (v) => `谢谢您告诉我们${v.firstName ? `，${v.firstName}` : ""}。我们已通知协调员，会马上给您打电话。如有人身处危险，请拨打911。`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `谢谢，${v.firstName}！您的班次（${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}）已确认。`
      : `谢谢，${v.firstName}！您的${v.shifts.length}个班次都已确认。`,
  unknown_sender: (_v, f) => `您好！这是${f.agency}的护理员短信专线。我们的记录中找不到您的号码，请致电办公室：${f.office}。`,

  confirm_request: (v, f) =>
    `${v.firstName}您好，跟您确认${f.dayInline(v.start)}${f.time(v.start)}的班次。回复“是”确认，如有问题请致电${f.office}。`,
  recurring_confirm: (v, f) =>
    lines(
      `${v.firstName}您好，跟您确认本周的固定班次：`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "回复“全部确认”即可确认所有班次，或告诉我们哪些班次无法上。",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? `早上好，${v.firstName}！` : `${v.firstName}您好！`}提醒：您在${v.clientFirstName}处的班次${f.time(v.start)}开始。到达后别忘了打卡！📍`,
  clock_in_nudge: (v) => `${v.firstName}您好，我们注意到您在${v.clientFirstName}处的班次还没有打卡。请现在打卡，如有问题请回复。`,
  clock_out_nudge: (v, f) => `${v.firstName}您好，您的班次应在${f.time(v.end)}结束。离开时请记得打卡下班！⏰`,
  availability_checkin: (v, f) =>
    lines(
      `${v.firstName}您好！简单了解一下下周安排。`,
      "",
      `您目前已排工时：${hrs(f.num(v.scheduledHours))}`,
      `您附近的空缺班次：${hrs(f.num(v.openHours))}`,
      "",
      "这周想多排些工时吗？",
      "回复：“是”要更多，“否”保持不变，或“减少”如需休息",
    ),
  availability_followup: (v, f) =>
    lines(
      `感谢您今天为${v.clientFirstName}服务！`,
      "",
      `问一下：${f.dayInline(v.start)}${f.range(v.start, v.end)}在${v.city}有一个类似的班次，您有空吗？`,
      "回复“是”或“否”",
    ),
};
