import type { LexiconData } from "../lexicon.js";

/**
 * Vietnamese. Entries are written with diacritics for readability and folded at load, so a message typed
 * without them ("hom nay em bi benh") matches too. Folding merges some words (muộn "late" / muốn "want"
 * both become "muon"), so such words only appear inside longer phrases.
 */
export const vi: LexiconData = {
  lang: "vi",
  markers: {
    em: 1.5, tôi: 2, không: 2, được: 2, rồi: 2, nhé: 2, nha: 1.5, vâng: 2, dạ: 1.5, có: 1, mình: 1.5, anh: 0.7,
    chị: 1.5, hôm: 2, nay: 1, mai: 1, ngày: 1.5, giờ: 1.5, phút: 2, làm: 1.5, đi: 0.7, đến: 1, ơi: 1.5, vậy: 2,
    thì: 1.5, của: 1.5, nhưng: 2, và: 1, cho: 1, ca: 0.7, bị: 1.5, bệnh: 2, trễ: 1.5, kẹt: 1.5, xe: 1, xin: 1.5,
    lỗi: 1.5, cảm: 1, ơn: 1, nhiều: 2, tuần: 2, thứ: 1.5, khách: 2, hàng: 1, bà: 0.8, ông: 1.5, ấy: 1.5,
    đang: 1.5, sẽ: 0.7, muốn: 1.5, thêm: 2, nghỉ: 2, tới: 1, ạ: 1.5, chỉ: 1, đâu: 2, mấy: 2, bao: 1.5, lâu: 2,
    nào: 1.5, thế: 1.5, cửa: 1.5, gọi: 1.5, cũng: 2, hơn: 1.5, đủ: 1.5, tất: 1.5, cả: 1, số: 0.7, con: 0.7, gì: 2,
  },
  signals: {
    yes: ["có", "có ạ", "dạ", "dạ được", "dạ vâng", "vâng", "vâng ạ", "được", "được ạ", "ok em", "oke", "ừ", "đồng ý", "được rồi", "ok ạ", "dạ ok", "dạ được ạ"],
    accept: [
      "em nhận", "nhận", "em làm được", "làm được", "em làm", "em đi", "em đi được", "để em", "em nhận ca",
      "em sẽ làm", "tôi nhận", "tôi làm được", "có thể làm",
    ],
    no: ["không", "không ạ", "dạ không", "không nhé", "không cảm ơn", "không được"],
    decline: [
      "không làm được", "em không làm được", "em bận", "bận", "bận rồi", "em bận rồi", "không thể", "không rảnh",
      "em có việc", "xa quá",
    ],
    softener: ["xin lỗi", "em xin lỗi", "tiếc quá"],
    question: [
      "mấy giờ", "lúc mấy giờ", "ở đâu", "đâu vậy", "bao lâu", "bao nhiêu giờ", "bao nhiêu tiếng", "khách nào",
      "ai", "địa chỉ", "bao nhiêu tiền", "có * không", "khi nào",
    ],
    maybe: ["có thể", "chắc", "để em xem", "em xem", "để em coi", "chưa biết", "em chưa biết", "để xem"],
    callOff: [
      "không đi làm được", "không thể đi làm", "không đi được", "em không đi được", "xin nghỉ", "em xin nghỉ",
      "nghỉ làm", "nghỉ hôm nay", "không đến được", "không tới được", "không đi làm",
    ],
    sick: ["bị bệnh", "bệnh", "ốm", "bị ốm", "sốt", "bị sốt", "bị cảm", "mệt", "không khỏe", "đau bụng", "đau đầu"],
    late: [
      "trễ", "bị trễ", "đến trễ", "tới trễ", "đến muộn", "tới muộn", "sẽ đến muộn", "kẹt xe", "bị kẹt xe",
      "đang tới", "đang đến", "đang trên đường", "trên đường tới", "trên đường", "sắp tới", "sắp đến", "xe hư",
      "hư xe", "xe bị hư",
    ],
    arrived: ["tới rồi", "đến rồi", "em tới rồi", "em đến rồi", "em ở đây", "đã đến"],
    done: ["xong rồi", "đã chấm công", "chấm công rồi"],
    clockTerm: ["chấm công", "chấm công vào", "chấm công ra", "app", "ứng dụng", "evv", "clock in"],
    malfunction: ["không hoạt động", "không chạy", "không được", "không cho", "bị lỗi", "lỗi", "quên", "em quên", "không vào được"],
    clockIssue: ["không chấm công được", "chấm công không được", "không cho chấm công", "không cho em chấm công"],
    clientRef: ["của bà", "bà ấy", "ông ấy", "bà cụ", "ông cụ", "khách", "khách hàng", "gia đình khách", "người nhà", "con gái của", "con trai của", "con gái bà", "con trai ông"],
    change: ["không cần", "không cần em", "đổi", "đổi sang", "đổi lịch", "hủy", "hủy ca", "chuyển", "thay vì", "đổi giờ"],
    incident: [
      "bị ngã", "té ngã", "ngã xuống", "ngã trong", "bị té", "cấp cứu", "xe cấp cứu", "911", "chảy máu",
      "không mở cửa", "không nghe máy", "cũng không nghe", "không trả lời", "bất tỉnh", "qua đời", "bị thương", "co giật",
    ],
    hospital: ["bệnh viện", "nhà thương"],
    urgent: ["khẩn cấp", "gấp", "cần gấp", "rất gấp"],
    notUrgent: ["không gấp", "không khẩn cấp", "mai cũng được", "để mai"],
    optOut: ["đừng nhắn tin", "đừng nhắn tin nữa", "không nhắn tin nữa", "hủy đăng ký", "ngừng nhắn tin"],
    thanks: ["cảm ơn", "cảm ơn nhiều", "cảm ơn ạ", "cảm ơn chị", "cảm ơn anh", "cám ơn"],
    greeting: ["chào", "xin chào", "chào chị", "chào anh", "chào buổi sáng"],
    scheduleQuery: [
      "có đi làm không", "em có đi làm không", "làm mấy giờ", "mấy giờ làm", "lịch làm", "lịch làm việc",
      "lịch của em", "ca của em", "em có ca", "có ca không", "mai em làm", "hôm nay em làm",
    ],
    available: ["rảnh", "em rảnh", "có thời gian", "sẵn sàng"],
    more: ["thêm giờ", "thêm ca", "nhiều giờ hơn", "thêm giờ làm", "làm thêm", "muốn thêm"],
    less: ["ít giờ hơn", "ít hơn", "bớt giờ", "giảm giờ", "nghỉ phép", "xin nghỉ phép"],
    same: ["đủ rồi", "vậy là đủ", "vậy là đủ rồi", "như cũ", "giữ nguyên", "không cần thêm", "đủ giờ"],
    recurring: ["mỗi", "hàng tuần", "từ giờ", "nữa"],
    confirm: ["xác nhận", "đã xác nhận", "em sẽ đến", "sẽ đến", "em sẽ tới", "hẹn gặp"],
    myShift: ["ca của em", "ca làm của em", "ca của tôi"],
    partial: ["chỉ làm được", "# giờ thôi", "từ # đến", "đến # giờ"],
    all: ["tất cả", "hết", "cả hai", "cả ba", "lấy hết", "nhận hết"],
    none: ["không cái nào", "không ca nào"],
    neutral: ["chị ơi", "anh ơi", "em ơi", "buổi sáng", "buổi chiều"],
  },
  keywords: { help: ["trợ giúp", "giúp đỡ"], urgent: ["khẩn cấp", "gấp"], confirm: ["xác nhận"] },
  negators: ["không", "chưa", "chẳng", "đừng"],
  dates: {
    today: ["hôm nay", "bữa nay", "tối nay", "sáng nay", "chiều nay"],
    tomorrow: ["ngày mai", "mai", "sáng mai", "chiều mai", "tối mai"],
    dayAfter: ["ngày mốt", "mốt", "ngày kia"],
    w1: ["thứ hai", "thứ 2"], w2: ["thứ ba", "thứ 3"], w3: ["thứ tư", "thứ 4"], w4: ["thứ năm", "thứ 5"],
    w5: ["thứ sáu", "thứ 6"], w6: ["thứ bảy", "thứ 7"], w7: ["chủ nhật", "cn"],
    neutral: ["tuần này", "tuần sau"],
  },
  numbers: {},
  aliases: { ko: "không", hok: "không", hong: "không", dc: "được", dk: "được", j: "gì", ns: "nói", e: "em" },
  common: ["vay", "nay", "roi", "nhe", "con", "gai", "trai", "phong", "tam", "cua", "goi", "dien", "tien", "viec", "gia", "dinh", "khoang", "tieng", "nua"],
};
