/**
 * Text folding shared by the tokenizer and the lexicon compiler, so a lexicon entry and a caregiver's text
 * are compared in the same form: lower-case, no diacritics ("mañana" → "manana", "không" → "khong"),
 * no apostrophes ("can't" → "cant"), traditional Chinese mapped to simplified.
 */

/** Traditional → simplified for the characters caregivers actually use in shift texts (not a full table). */
const TRADITIONAL: Record<string, string> = {
  會: "会", 們: "们", 來: "来", 時: "时", 間: "间", 點: "点", 遲: "迟", 個: "个", 號: "号", 為: "为", 這: "这", 說: "说",
  沒: "没", 麼: "么", 謝: "谢", 醫: "医", 車: "车", 鐘: "钟", 幾: "几", 後: "后", 開: "开", 關: "关", 當: "当", 辦: "办",
  應: "应", 電: "电", 話: "话", 見: "见", 對: "对", 還: "还", 週: "周", 準: "准", 嗎: "吗", 給: "给", 問: "问", 題: "题",
  裡: "里", 裏: "里", 無: "无", 從: "从", 確: "确", 認: "认", 傷: "伤", 緊: "紧", 報: "报", 過: "过", 進: "进", 門: "门",
  發: "发", 燒: "烧", 頭: "头", 藥: "药", 換: "换", 調: "调", 動: "动", 訂: "订", 禮: "礼", 幫: "帮", 塊: "块", 請: "请",
  學: "学", 兒: "儿", 媽: "妈", 爺: "爷", 歲: "岁", 長: "长", 錢: "钱", 馬: "马", 體: "体", 樣: "样", 麵: "面", 氣: "气",
  歡: "欢", 愛: "爱", 讓: "让", 試: "试", 該: "该", 讀: "读", 寫: "写", 邊: "边", 現: "现", 東: "东", 實: "实", 際: "际",
  經: "经", 處: "处", 單: "单", 雙: "双", 衛: "卫", 護: "护", 顧: "顾", 戶: "户", 內: "内", 兩: "两", 萬: "万", 鬧: "闹",
  壞: "坏", 隊: "队", 機: "机", 約: "约", 碼: "码", 總: "总", 隨: "随", 務: "务", 費: "费", 級: "级", 養: "养", 腦: "脑",
  態: "态", 聽: "听", 瘋: "疯", 臉: "脸", 腳: "脚", 頁: "页", 資: "资", 訊: "讯", 簡: "简", 決: "决", 鎖: "锁", 鑰: "钥",
  預: "预", 難: "难", 輛: "辆", 帶: "带", 趕: "赶", 剛: "刚", 許: "许", 觀: "观", 遠: "远", 離: "离", 義: "义", 隻: "只",
  煩: "烦", 傳: "传", 場: "场", 區: "区", 買: "买", 夠: "够", 鐵: "铁", 線: "线", 訴: "诉", 啟: "启", 歷: "历", 親: "亲",
};

const HAN = /\p{Script=Han}/u;

/** Maps traditional Chinese characters to simplified ones (single characters only). */
export function toSimplified(s: string): string {
  if (!HAN.test(s)) return s;
  let out = "";
  for (const ch of s) out += TRADITIONAL[ch] ?? ch;
  return out;
}

/**
 * Folds one word for matching: lower-case, strip combining marks (diacritics), đ → d, drop apostrophes.
 * Cyrillic й/ё fold to и/е as a side effect, which is fine because lexicon entries are folded the same way.
 */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    // Russian soft and hard signs: translit writers mostly drop them ("bolshe", "skolko"), so both sides do.
    .replace(/[ьъ]/g, "")
    .replace(/['’‘`´]/g, "");
}

/** SMS shorthands rewritten before tokenizing, because they glue digits to letters ("2moro", "l8"). */
const GLUED_SHORTHANDS: Array<[RegExp, string]> = [
  [/\b2(?:moro+w?|mor+ow|morrow|mrw|mro|mrrw)\b/giu, "tomorrow"],
  [/\b2day\b/giu, "today"],
  [/\b2(?:nite|night)\b/giu, "tonight"],
  [/\bl8r\b/giu, "later"],
  [/\bl8\b/giu, "late"],
  [/\bb4\b/giu, "before"],
  // "I can not come": written apart, "can" would read as a yes.
  [/\bcan not\b/giu, "cannot"],
];

/** Whole-text normalization applied before tokenizing: Unicode compatibility forms and glued shorthands. */
export function normalizeText(text: string): string {
  // NFKC turns full-width digits/punctuation (common from Chinese keyboards) into ASCII: "３点" → "3点".
  let s = text.normalize("NFKC");
  for (const [re, to] of GLUED_SHORTHANDS) s = s.replace(re, to);
  return toSimplified(s);
}
