import { formatter } from "../sms/format.js";
import { esc, type SlackMessage } from "./blocks.js";
import { SLACK_TEMPLATES } from "./templates.js";
import { SLACK_VARS, SlackContext, type SlackTemplateId, type SlackVars, type SlackVarsInput } from "./vars.js";

/** Keys whose values are machine ids (button values, mentions): validated by their schemas, never escaped. */
const RAW_KEYS = new Set(["campaignId", "caregiverId", "mention"]);

/**
 * Escapes every free-text string (names, a caregiver's quoted message) once, so a text like "<!channel>"
 * cannot ping a channel from either `text` or `blocks`; Slack shows the escaped entities as plain characters.
 */
function escapeStrings(v: unknown, key = ""): unknown {
  if (typeof v === "string") return RAW_KEYS.has(key) ? v : esc(v);
  if (v instanceof Date || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => escapeStrings(x));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeStrings(x, k)]));
}

/**
 * Renders a coordinator-facing Slack message (English; times in the agency timezone). Validates `vars`,
 * throws a ZodError on invalid input. Returns `text` (notification + fallback, mrkdwn) and Block Kit `blocks`.
 */
export function renderSlack<K extends SlackTemplateId>(templateId: K, vars: SlackVarsInput[K], ctx: SlackContext): SlackMessage {
  const parsed = escapeStrings(SLACK_VARS[templateId].parse(vars)) as SlackVars[K];
  const c = SlackContext.parse(ctx);
  const render = SLACK_TEMPLATES[templateId] as (v: SlackVars[K], f: ReturnType<typeof formatter>, now: Date) => SlackMessage;
  return render(parsed, formatter("en", c), c.now);
}
