import type { Signal } from "../lexicon.js";

/**
 * Emoji carry the same meaning in every language, so they live outside the per-language lexicons.
 * Keys are base pictographs: the tokenizer has already dropped skin tones, VS16 and ZWJ tails, so 👍🏽,
 * 🙋‍♀️ and 🙅🏻‍♂️ arrive here as 👍, 🙋 and 🙅.
 */
export const EMOJI_SIGNALS: Partial<Record<Signal, string[]>> = {
  yes: ["👍", "👌", "✅", "✔", "☑", "🙋", "🙌", "💯", "🤙", "🆗", "🫡"],
  no: ["👎", "❌", "🙅", "🚫", "✖", "⛔", "❎"],
  sick: ["🤒", "🤢", "🤮", "😷", "🤧"],
  late: ["🏃"],
  thanks: ["🙏", "❤", "💕", "💙", "💜", "🥰", "😘", "🤗", "😊"],
  urgent: ["🆘", "🚨"],
  maybe: ["🤔", "🤷"],
};
