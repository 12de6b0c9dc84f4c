import type { Language } from "../../domain/types.js";
import type { Catalog } from "./catalog.js";
import { en } from "./catalogs/en.js";
import { es } from "./catalogs/es.js";
import { ht } from "./catalogs/ht.js";
import { ru } from "./catalogs/ru.js";
import { tl } from "./catalogs/tl.js";
import { vi } from "./catalogs/vi.js";
import { zh } from "./catalogs/zh.js";
import { formatter } from "./format.js";
import { SMS_VARS, SmsContext, type SmsTemplateId, type SmsVars, type SmsVarsInput } from "./vars.js";

export const CATALOGS: Record<Language, Catalog> = { en, es, tl, vi, ht, ru, zh };

/**
 * The one SMS renderer (STYLE §9.4). Validates `vars` against the template's schema (unknown keys such as a
 * client's last name or phone are stripped, not rendered), formats dates in the agency timezone and the
 * recipient's language, and returns the text. Throws a ZodError on invalid vars — a bug in the caller, not
 * something to send.
 */
export function renderSms<K extends SmsTemplateId>(templateId: K, lang: Language, vars: SmsVarsInput[K], ctx: SmsContext): string {
  const parsed = SMS_VARS[templateId].parse(vars) as SmsVars[K];
  const f = formatter(lang, SmsContext.parse(ctx));
  const render = CATALOGS[lang][templateId] as (v: SmsVars[K], fmt: typeof f) => string;
  return render(parsed, f).trim();
}
