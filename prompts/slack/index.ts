/** Coordinator-facing Slack messages: text + Block Kit, one renderer. */
export { renderSlack } from "./render.js";
export { remainingGaps, SLACK_ACTIONS, SLACK_TEMPLATES } from "./templates.js";
export { SLACK_TEMPLATE_IDS, SLACK_VARS, SlackAnswer, SlackContext, type SlackTemplateId, type SlackVars, type SlackVarsInput } from "./vars.js";
export type { Block, ButtonElement, SlackMessage, TextObject } from "./blocks.js";
