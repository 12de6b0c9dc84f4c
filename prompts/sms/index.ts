/** SMS copy in seven languages behind one renderer. */
export { renderSms, CATALOGS } from "./render.js";
export { formatPhone, formatter, type Fmt, type FormatContext } from "./format.js";
export { MULTI_SHIFT_TEMPLATES, SMS_TEMPLATE_IDS, SMS_VARS, SmsContext, type SmsTemplateId, type SmsVars, type SmsVarsInput } from "./vars.js";
export type { Catalog } from "./catalog.js";
