/**
 * The slice of Slack Block Kit we send, typed so a template cannot produce a block Slack would reject.
 * https://api.slack.com/reference/block-kit/blocks
 */

export interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
  emoji?: boolean;
}

export interface ButtonElement {
  type: "button";
  text: TextObject & { type: "plain_text" };
  /** Unique within its block; the interaction handler routes on it. */
  action_id: string;
  value: string;
  style?: "primary" | "danger";
  confirm?: {
    title: TextObject & { type: "plain_text" };
    text: TextObject;
    confirm: TextObject & { type: "plain_text" };
    deny: TextObject & { type: "plain_text" };
  };
}

export type Block =
  | { type: "header"; text: TextObject & { type: "plain_text" } }
  | { type: "section"; text: TextObject; accessory?: ButtonElement; block_id?: string }
  | { type: "context"; elements: TextObject[] }
  | { type: "actions"; elements: ButtonElement[]; block_id?: string }
  | { type: "divider" };

/** A coordinator-facing message: `text` is the notification/fallback, `blocks` the rich layout. */
export interface SlackMessage {
  text: string;
  blocks?: Block[];
}

/** Escapes the three characters Slack treats as markup in mrkdwn and plain text. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack section text limit is 3,000 characters; trim with an ellipsis rather than have the post rejected. */
export function clip(s: string, max = 2900): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export const md = (text: string): TextObject => ({ type: "mrkdwn", text: clip(text) });
export const plain = (text: string): TextObject & { type: "plain_text" } => ({ type: "plain_text", text: clip(text, 150), emoji: true });

export function section(text: string, accessory?: ButtonElement): Block {
  return accessory ? { type: "section", text: md(text), accessory } : { type: "section", text: md(text) };
}

/** Button text is capped at 75 characters by Slack. */
export function button(label: string, actionId: string, value: string, extra: Partial<Pick<ButtonElement, "style" | "confirm">> = {}): ButtonElement {
  return { type: "button", text: { type: "plain_text", text: label.slice(0, 75), emoji: true }, action_id: actionId, value, ...extra };
}
