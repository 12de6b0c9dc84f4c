import { distanceOf, lines, type Catalog } from "../catalog.js";
import type { Fmt } from "../format.js";

const away = (v: { driveMinutes?: number | undefined; distanceMiles?: number | undefined }, f: Fmt): string => {
  const d = distanceOf(v);
  if (!d) return "";
  return "minutes" in d ? ` (cách bạn ${d.minutes} phút)` : ` (cách bạn ${f.miles(d.miles)} dặm)`;
};
const gio = (n: string) => `${n} giờ`;
const when = (f: Fmt, s: Date, e: Date) => `${f.dayShort(s)}, ${f.range(s, e)}`;
const YES_NO = "Trả lời CÓ để nhận hoặc KHÔNG để bỏ qua.";

/** Vietnamese ("bạn" with caregivers, "quý vị" with families). */
export const vi: Catalog = {
  offer: (v, f) =>
    lines(
      `Chào ${v.firstName}! Bạn có thể nhận một ca làm ${f.dayInline(v.start)} không?`,
      `📍 ${v.city}${away(v, f)}`,
      `⏰ ${f.range(v.start, v.end)}`,
      `💰 ${gio(f.hours(v.start, v.end))}`,
      v.workedWith && `Bạn đã từng chăm sóc ${v.workedWith}.`,
      YES_NO,
    ),
  offer_bundle: (v, f) => {
    const n = v.options.length;
    return lines(
      `Chào ${v.firstName}! Có nhiều ca trống gần bạn:`,
      "",
      ...v.options.map((o, i) => `${["1️⃣", "2️⃣", "3️⃣"][i]} ${f.day(o.start)} ${f.range(o.start, o.end)} - ${o.clientFirstName} - ${o.city}`),
      "",
      `Trả lời số ca bạn muốn (vd: '${n === 3 ? "1 và 3" : "2"}')`,
      `hoặc 'TẤT CẢ' để nhận ${n === 3 ? "cả ba ca" : "cả hai ca"}!`,
    );
  },
  offer_confirmed: (v, f) =>
    lines(
      `Bạn đã được xác nhận cho ca của ${v.clientFirstName}!`,
      `📅 ${f.day(v.start)} ${f.range(v.start, v.end)}`,
      `📍 ${v.address}`,
      "📝 Ghi chú chăm sóc có trong ứng dụng WellSky",
      `Có câu hỏi? Gọi văn phòng: ${f.office}`,
    ),
  offer_confirmed_bundle: (v, f) =>
    lines(
      "Bạn đã được xác nhận cho các ca sau!",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} với ${s.clientFirstName}`, `📍 ${s.address}`]),
      "📝 Ghi chú chăm sóc có trong ứng dụng WellSky",
      `Có câu hỏi? Gọi văn phòng: ${f.office}`,
    ),
  offer_filled: (v, f) =>
    `Cảm ơn bạn đã trả lời nhanh! Ca này (${when(f, v.start, v.end)}, ${v.city}) đã có người nhận, nhưng chúng tôi rất trân trọng bạn. Chúng tôi sẽ nhớ đến bạn cho ca tiếp theo! 🙏`,
  offer_already_filled: (v, f) =>
    `Cảm ơn ${v.firstName}! Ca ở ${v.city} (${when(f, v.start, v.end)}) vừa có người khác nhận. Cảm ơn bạn đã trả lời nhanh, chúng tôi sẽ nhớ đến bạn cho ca tiếp theo! 🙏`,
  offer_declined_ack: (v) => `Không sao, ${v.firstName}. Cảm ơn bạn đã báo! Chúng tôi sẽ nhắn bạn khi có ca tiếp theo.`,
  offer_question_answer: (v, f) => {
    const t = `${f.dayInline(v.start)}, ${f.range(v.start, v.end)}`;
    const h = gio(f.hours(v.start, v.end));
    const answer = {
      time: `Ca làm ${t} (${h}).`,
      place: `Ca làm ở ${v.city}${away(v, f)}. Bạn sẽ nhận được địa chỉ sau khi được xác nhận.`,
      hours: `Ca làm ${h}: ${when(f, v.start, v.end)}.`,
      all: `Ca làm ${t} (${h}) ở ${v.city}${away(v, f)}.`,
    }[v.topic];
    return lines(answer, YES_NO);
  },
  offer_question_forwarded: () => "Tôi cũng đã chuyển câu hỏi của bạn cho điều phối viên; họ sẽ nhắn bạn.",
  offer_counter_ack: (v, f) =>
    v.proposal
      ? `Cảm ơn ${v.firstName}! Tôi đã chuyển giờ bạn đề xuất (${f.range(v.proposal.start, v.proposal.end)}) cho điều phối viên. Họ sẽ nhắn bạn nếu được.`
      : `Cảm ơn ${v.firstName}! Tôi đã chuyển lời nhắn của bạn cho điều phối viên. Họ sẽ nhắn bạn nếu được.`,
  call_off_ack: (v, f) =>
    `Cảm ơn ${v.firstName} đã báo cho chúng tôi. Chúng tôi đang tìm người thay ca của bạn (${when(f, v.start, v.end)})${v.clientFirstName ? ` với ${v.clientFirstName}` : ""}. Giữ gìn sức khỏe nhé!`,
  call_off_after_hours: (v, f) =>
    lines(
      "Cảm ơn bạn đã báo! Văn phòng hiện đang đóng cửa, nhưng tôi đã ghi lại tin nhắn của bạn. " +
        (v.opensAt && !f.isTodayOrTomorrow(v.opensAt)
          ? `Điều phối viên sẽ liên lạc với bạn khi văn phòng mở cửa ${f.dayInline(v.opensAt)} lúc ${f.time(v.opensAt)}.`
          : "Điều phối viên sẽ liên lạc với bạn ngay khi văn phòng mở cửa vào buổi sáng."),
      "",
      `Nếu việc này KHẨN CẤP (bạn không thể đến ca làm trong ${v.urgentWithinHours} giờ tới), hãy trả lời KHẨN (URGENT) và tôi sẽ bắt đầu tìm người thay ngay.`,
    ),
  urgent_ack: (v) =>
    `Đã rõ${v.firstName ? `, ${v.firstName}` : ""}. Tôi đang tìm người thay ngay và đã báo cho điều phối viên trực. Chúng tôi sẽ nhắn bạn ngay khi có người nhận ca.`,
  running_late_ack: (v, f) =>
    v.eta && !v.familyTold
      ? `Cảm ơn ${v.firstName} đã báo trước! Chúng tôi đã ghi nhận bạn sẽ đến khoảng ${f.time(v.eta)}. Lái xe cẩn thận nhé!`
      : v.eta
      ? `Cảm ơn ${v.firstName} đã báo trước! Chúng tôi sẽ báo cho ${v.clientFirstName ? `gia đình ${v.clientFirstName}` : "gia đình khách hàng"} là bạn sẽ đến khoảng ${f.time(v.eta)}. Lái xe cẩn thận nhé!`
      : `Cảm ơn ${v.firstName} đã báo trước. Khoảng mấy giờ bạn sẽ đến?`,
  client_running_late: (v, f) =>
    `Chào ${v.contactFirstName}, đây là ${f.agency}. ${v.caregiverFirstName} sẽ đến trễ một chút${v.clientFirstName ? ` để chăm sóc ${v.clientFirstName}` : ""}, dự kiến đến khoảng ${f.time(v.eta)}. Xin lỗi vì đã để quý vị chờ!`,
  client_caregiver_change: (v, f) =>
    `Chào ${v.contactFirstName}, đây là ${f.agency}. Thay đổi cho buổi chăm sóc ${v.clientFirstName} (${when(f, v.start, v.end)}): ${v.caregiverFirstName} sẽ đến chăm sóc. Có câu hỏi? Xin gọi ${f.office}.`,
  schedule_answer: (v, f) =>
    lines(
      "Để tôi kiểm tra... Có! Bạn có lịch làm:",
      ...v.shifts.flatMap((s) => [`📅 ${f.dayWithWeekday(s.start)} ${f.range(s.start, s.end)} với ${s.clientFirstName}`, `📍 ${s.address}`]),
      "",
      "Trả lời XÁC NHẬN để xác nhận hoặc cho tôi biết nếu có vấn đề.",
    ),
  schedule_none: (v, f) =>
    v.day
      ? `Để tôi kiểm tra... Bạn không có lịch làm ${f.dayInlineWithWeekday(v.day)}. Bạn muốn thêm giờ không? Hãy cho chúng tôi biết những ngày bạn rảnh.`
      : "Để tôi kiểm tra... Bạn chưa có ca nào sắp tới trong lịch. Bạn muốn thêm giờ không? Hãy cho chúng tôi biết những ngày bạn rảnh.",
  call_off_no_shift: (v, f) =>
    v.day
      ? `Để tôi kiểm tra... Bạn không có lịch làm ${f.dayInlineWithWeekday(v.day)}, nên không có gì cần hủy. Cảm ơn bạn đã báo cho chúng tôi! Nếu bạn muốn nói ngày khác, hãy cho chúng tôi biết ngày nào.`
      : "Để tôi kiểm tra... Bạn không có ca sắp tới nào cần hủy. Cảm ơn bạn đã báo cho chúng tôi! Nếu bạn muốn nói một ca cụ thể, hãy cho chúng tôi biết ngày.",
  running_late_no_shift: (_v, f) => `Cảm ơn bạn đã báo trước. Tôi không thấy ca nào của bạn sắp bắt đầu. Nếu bạn đang trên đường đến một buổi chăm sóc, vui lòng gọi văn phòng: ${f.office}`,
  clarify: (v, f) =>
    ({
      offer_yes_no: v.shift
        ? `Cho tôi hỏi lại: bạn có nhận ca ở ${v.shift.city} (${when(f, v.shift.start, v.shift.end)}) không? Trả lời CÓ hoặc KHÔNG.`
        : "Cho tôi hỏi lại: bạn trả lời CÓ hay KHÔNG cho ca này?",
      which_shift: "Bạn muốn nói ca nào? Vui lòng trả lời ngày và giờ.",
      which_day: "Bạn muốn nói ngày nào?",
      eta: "Khoảng mấy giờ bạn sẽ đến?",
      general: "Xin lỗi, tôi chưa hiểu rõ. Bạn có thể nói cách khác được không?",
    })[v.question],
  handoff: (v) =>
    `Cảm ơn${v.firstName ? ` ${v.firstName}` : " bạn"}. Tôi đã chuyển việc này cho điều phối viên, họ sẽ liên lạc với bạn ${v.afterHours ? "khi văn phòng mở cửa vào buổi sáng" : "sớm"}.`,
  help: (_v, f) => `${f.agency}: nhắn tin đến số này về ca làm của bạn bất cứ lúc nào. Văn phòng: ${f.office}. Trả lời STOP để hủy đăng ký.`,
  stop_confirm: (_v, f) => `Bạn đã hủy đăng ký tin nhắn từ ${f.agency} và sẽ không nhận thêm tin nhắn nữa. Trả lời START để đăng ký lại.`,
  start_confirm: (_v, f) => `Bạn đã đăng ký lại tin nhắn từ ${f.agency}. Trả lời HELP để được trợ giúp hoặc STOP để hủy đăng ký.`,
  availability_ack: (v) =>
    ({
      more: "Tuyệt vời! Tuần này ngày giờ nào phù hợp nhất với bạn?",
      same: "Tốt quá, vậy là xong! Cho chúng tôi biết nếu có gì thay đổi.",
      less: "Không sao. Bạn cần nghỉ những ngày nào?",
      noted: "Đã rõ, cảm ơn bạn! Tôi đã ghi lại lịch rảnh của bạn cho điều phối viên.",
    })[v.answer],
  clock_issue_ack: (v) =>
    `Cảm ơn ${v.firstName}. Tôi đã báo cho điều phối viên về sự cố ${{ clock_in: "chấm công vào", clock_out: "chấm công ra", other: "chấm công" }[v.kind]}${v.clientFirstName ? ` trong ca của bạn với ${v.clientFirstName}` : ""}. Họ sẽ sửa trong WellSky.`,
  incident_ack: (v) =>
    `Cảm ơn${v.firstName ? ` ${v.firstName}` : " bạn"} đã báo. Điều phối viên đã được thông báo và sẽ gọi cho bạn ngay. Nếu có ai gặp nguy hiểm, hãy gọi 911.`,
  confirm_ack: (v, f) =>
    v.shifts.length === 1
      ? `Cảm ơn ${v.firstName}! Ca làm của bạn (${when(f, v.shifts[0]!.start, v.shifts[0]!.end)}) đã được xác nhận.`
      : `Cảm ơn ${v.firstName}! Cả ${v.shifts.length} ca làm của bạn đã được xác nhận.`,
  unknown_sender: (_v, f) =>
    `Xin chào! Đây là số nhắn tin của ${f.agency} dành cho nhân viên chăm sóc. Chúng tôi không tìm thấy số của bạn trong hồ sơ. Vui lòng gọi văn phòng theo số ${f.office}.`,

  confirm_request: (v, f) =>
    `Chào ${v.firstName}, xác nhận ca làm của bạn ${f.dayInline(v.start)} lúc ${f.time(v.start)}. Trả lời CÓ để xác nhận hoặc gọi cho chúng tôi theo số ${f.office} nếu có vấn đề.`,
  recurring_confirm: (v, f) =>
    lines(
      `Chào ${v.firstName}, xác nhận các ca cố định của bạn tuần này:`,
      "",
      ...v.shifts.map((s) => `📅 ${f.day(s.start)} ${f.range(s.start, s.end)} - ${s.clientFirstName}`),
      "",
      "Trả lời XÁC NHẬN để xác nhận tất cả, hoặc cho chúng tôi biết ca nào bạn không làm được.",
    ),
  clock_in_reminder: (v, f) =>
    `${f.hour(v.start) < 12 ? "Chào buổi sáng" : "Chào"} ${v.firstName}! Nhắc nhở: Ca làm của bạn với ${v.clientFirstName} bắt đầu lúc ${f.time(v.start)}. Đừng quên chấm công vào khi đến nơi nhé! 📍`,
  clock_in_nudge: (v) =>
    `Chào ${v.firstName}, chúng tôi thấy bạn chưa chấm công vào cho ca làm ở nhà ${v.clientFirstName}. Vui lòng chấm công ngay hoặc trả lời nếu có vấn đề.`,
  clock_out_nudge: (v, f) => `Chào ${v.firstName}, ca làm của bạn kết thúc lúc ${f.time(v.end)}. Nhớ chấm công ra khi về nhé! ⏰`,
  availability_checkin: (v, f) =>
    lines(
      `Chào ${v.firstName}! Hỏi nhanh về tuần tới.`,
      "",
      `Số giờ đã xếp lịch: ${gio(f.num(v.scheduledHours))}`,
      `Ca trống gần bạn: ${gio(f.num(v.openHours))}`,
      "",
      "Tuần này bạn có muốn thêm giờ không?",
      "Trả lời: CÓ nếu muốn thêm, KHÔNG nếu đủ rồi, hoặc ÍT HƠN nếu bạn cần nghỉ",
    ),
  availability_followup: (v, f) =>
    lines(
      `Cảm ơn bạn về ca làm hôm nay với ${v.clientFirstName}!`,
      "",
      `Hỏi nhanh: Bạn có rảnh cho một ca tương tự ${f.dayInline(v.start)} ${f.range(v.start, v.end)} ở ${v.city} không?`,
      "Trả lời CÓ hoặc KHÔNG",
    ),
};
