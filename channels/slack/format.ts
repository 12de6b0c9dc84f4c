/**
 * Block Kit building blocks for coordinator messages. Wording lives in prompts/; this only shapes it for Slack
 * and enforces Slack's limits, so a too-long value fails here, in our code, not as an `invalid_blocks` from the API.
 */

/** Slack limits (@slack/types): button text 75 chars, button value 2000, section text 3000, action_id 255. */
export const SLACK_LIMITS = { buttonText: 75, buttonValue: 2000, sectionText: 3000, actionId: 255 } as const;

/**
 * Escapes the three characters Slack treats as control sequences in `text` and mrkdwn (`&`, `<`, `>`), so
 * user-provided text (a caregiver's SMS quoted to a coordinator) cannot inject mentions like `<!channel>`.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export type SlackBlock = Record<string, unknown>;

/** A mrkdwn section. Pass already-escaped text when it contains user input. */
export function section(mrkdwn: string): SlackBlock {
  if (mrkdwn.length > SLACK_LIMITS.sectionText) throw new RangeError(`section text exceeds ${SLACK_LIMITS.sectionText} characters`);
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
}

export interface ButtonSpec {
  actionId: string;
  text: string;
  value: string;
  style?: "primary" | "danger";
}

/** An actions block of buttons; `blockId` lets the click handler know which item the buttons belong to. */
export function actions(blockId: string, buttons: ButtonSpec[]): SlackBlock {
  return {
    type: "actions",
    block_id: blockId,
    elements: buttons.map((b) => {
      if (b.text.length > SLACK_LIMITS.buttonText) throw new RangeError(`button text exceeds ${SLACK_LIMITS.buttonText} characters`);
      if (b.value.length > SLACK_LIMITS.buttonValue) throw new RangeError(`button value exceeds ${SLACK_LIMITS.buttonValue} characters`);
      if (b.actionId.length === 0 || b.actionId.length > SLACK_LIMITS.actionId) throw new RangeError("action_id must be 1-255 characters");
      return {
        type: "button",
        action_id: b.actionId,
        text: { type: "plain_text", text: b.text },
        value: b.value,
        ...(b.style ? { style: b.style } : {}),
      };
    }),
  };
}

/** A context line (small grey text), e.g. "Shift 4821_20261124 · risk high". */
export function context(mrkdwn: string): SlackBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: mrkdwn }] };
}
