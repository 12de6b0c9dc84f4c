import { z } from "zod";
import { escapeSlackText } from "../channels/slack/format.js";
import { escalationChain } from "../db/repos/directory.js";
import type { OutboundRequest } from "../domain/messages.js";
import { ToolError, type AgentTool, type ToolContext } from "./types.js";

export const NotifyCoordinatorInput = z.object({
  clientId: z.string().max(20).optional().describe("Client the matter concerns; routes to their assigned coordinator"),
  kind: z.enum(["call_off", "running_late", "clock_issue", "incident", "schedule_change", "availability", "urgent", "handoff", "morning_queue", "other"]),
  summary: z.string().min(1).max(1500).describe("What happened, for the coordinator (Slack)"),
  dedupeKey: z.string().min(1).max(200).describe("Same key → sent once"),
});
export const NotifyCoordinatorOutput = z.object({ status: z.string(), to: z.enum(["coordinator", "alerts_channel"]), coordinatorId: z.string().nullable() });

/** Routes an alert to the client's coordinator (not every coordinator), or the alerts channel when none. */
export const notifyCoordinator: AgentTool<z.infer<typeof NotifyCoordinatorInput>, z.infer<typeof NotifyCoordinatorOutput>> = {
  name: "notify_coordinator",
  description: "Tells the client's assigned coordinator in Slack (or the alerts channel) about something that needs a human.",
  inputSchema: NotifyCoordinatorInput,
  outputSchema: NotifyCoordinatorOutput,
  effect: "write",
  async run({ ctx, input }) {
    // Anyone the agency knows may reach their coordinator; an unknown number only ever gets the office number.
    if (ctx.actor.kind === "unknown") throw new ToolError("forbidden", "Unknown senders cannot notify coordinators.");
    return notify(ctx, input);
  },
};

/**
 * The Slack message notify_coordinator would send: routed to the client's coordinator or the alerts channel.
 * Summaries quote what people texted, so they are escaped: an SMS saying `<!channel>` must not ping a channel.
 */
export async function coordinatorMessage(ctx: ToolContext, input: z.infer<typeof NotifyCoordinatorInput>): Promise<OutboundRequest & { coordinatorId: string | null }> {
  const chain = input.clientId ? await escalationChain(ctx.pool, input.clientId) : [];
  const target = chain[0];
  return { channel: "slack", to: target?.slackUserId ?? ctx.settings.alertsChannel, text: `${LABELS[input.kind]}: ${escapeSlackText(input.summary)}`, idempotencyKey: `notify:${input.dedupeKey}`, coordinatorId: target?.id ?? null };
}

export async function notify(ctx: ToolContext, input: z.infer<typeof NotifyCoordinatorInput>) {
  const { coordinatorId, ...req } = await coordinatorMessage(ctx, input);
  const outcome = await ctx.sender.send(req);
  return { status: outcome.status, to: coordinatorId ? ("coordinator" as const) : ("alerts_channel" as const), coordinatorId };
}

const LABELS: Record<z.infer<typeof NotifyCoordinatorInput>["kind"], string> = {
  call_off: "📵 Call-off",
  running_late: "⏰ Running late",
  clock_issue: "🕒 Clock issue",
  incident: "🚨 Incident",
  schedule_change: "📅 Schedule change",
  availability: "🗓️ Availability",
  urgent: "🚨 URGENT",
  handoff: "🙋 Needs a coordinator",
  morning_queue: "🌅 For the morning",
  other: "ℹ️ Note",
};

