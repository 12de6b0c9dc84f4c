import { renderSms, type SmsTemplateId, type SmsVarsInput } from "../prompts/sms/index.js";
import type { Language } from "../domain/types.js";
import type { Clock } from "../lib/clock.js";
import type { AgentSettings } from "./deps.js";

/** Renders one SMS template in `lang` with the agency's facts and "now" (one renderer: prompts/sms). */
export function sms<K extends SmsTemplateId>(deps: { settings: AgentSettings; clock: Clock }, lang: Language, id: K, vars: SmsVarsInput[K]): string {
  return renderSms(id, lang, vars, { agencyName: deps.settings.agencyName, officePhone: deps.settings.officePhone, timezone: deps.settings.timezone, now: deps.clock.now() });
}
