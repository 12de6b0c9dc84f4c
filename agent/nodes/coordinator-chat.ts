import { DateTime } from "luxon";
import { escapeSlackText } from "../../channels/slack/format.js";
import { listOpenShifts, recentMessages, whoWorksWith } from "../../tools/coordinator-queries.js";
import { recordCallOff } from "../../tools/record-call-off.js";
import { runTool, ToolError } from "../../tools/types.js";
import type { AgentDeps, ModelCoordinatorCommand } from "../deps.js";
import type { AgentStateType, AgentUpdate, PlannedReply } from "../state.js";
import { toolContext } from "../turn.js";

/** The documented coordinator grammar (Slack DM, mention or `/coverline <text>`); no model needed. */
export const COORDINATOR_HELP = [
  "*Coverline commands*",
  "• `who works with <client> [today|tomorrow|YYYY-MM-DD]`",
  "• `what's open [today|tomorrow|YYYY-MM-DD]`",
  "• `what did <caregiver> text`",
  "• `fill <shift key>` — start outreach for a shift (same as `/fill`)",
].join("\n");

type Command =
  | { kind: "who_works_with"; clientName: string; day: string }
  | { kind: "open"; day: string }
  | { kind: "messages"; name: string }
  | { kind: "fill"; shiftKey: string }
  | { kind: "help" };

/** Parses one coordinator message into a command; unknown text → help. */
export function parseCoordinatorCommand(raw: string, today: DateTime): Command {
  const text = raw.replace(/<@[A-Z0-9]+>/g, "").trim().replace(/[?!.]+$/, "");
  const day = (s: string | undefined) => {
    const t = (s ?? "").trim().toLowerCase();
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
    return (t.includes("tomorrow") ? today.plus({ days: 1 }) : today).toISODate()!;
  };
  let m = /^who(?:'s| is)?\s+(?:works?|working|is working|scheduled)\s+with\s+(.+?)(\s+(?:today|tomorrow|on\s+\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2}))?$/i.exec(text);
  if (m) return { kind: "who_works_with", clientName: m[1]!.trim(), day: day(m[2]?.replace(/^\s*on\s+/i, "")) };
  m = /^(?:what(?:'s| is)\s+open|open\s+shifts)(\s+.+)?$/i.exec(text);
  if (m) return { kind: "open", day: day(m[1]) };
  m = /^what\s+did\s+(.+?)\s+(?:text|say|send|write)/i.exec(text);
  if (m) return { kind: "messages", name: m[1]!.trim() };
  m = /^\/?fill\s+(\S+)$/i.exec(text);
  if (m) return { kind: "fill", shiftKey: m[1]! };
  return { kind: "help" };
}

function fromModel(m: ModelCoordinatorCommand, today: DateTime): Command {
  const day = m.day ?? today.toISODate()!;
  if (m.command === "who_works_with" && m.clientName) return { kind: "who_works_with", clientName: m.clientName, day };
  if (m.command === "open_shifts") return { kind: "open", day };
  if (m.command === "caregiver_messages" && m.caregiverName) return { kind: "messages", name: m.caregiverName };
  if (m.command === "fill" && m.shiftKey) return { kind: "fill", shiftKey: m.shiftKey };
  return { kind: "help" };
}

/** coordinator_chat: answers coordinators from the tools, in the Slack thread they wrote in. */
export function coordinatorChat(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const tz = deps.settings.timezone;
    const ctx = toolContext(deps, state);
    const today = DateTime.fromJSDate(deps.clock.now(), { zone: tz });
    let cmd = parseCoordinatorCommand(state.inbound!.text, today);
    if (cmd.kind === "help" && deps.coordinatorModel && !/^\s*help\b/i.test(state.inbound!.text)) {
      // Free text: the model only picks a command of the grammar; the tools still answer it.
      const m = await deps.coordinatorModel.parse(state.inbound!.text, today.toISODate()!, tz);
      if (m) cmd = fromModel(m, today);
    }
    const fmt = (iso: string) => DateTime.fromISO(iso, { zone: tz }).toFormat("ccc LLL d h:mma");
    let text: string;
    try {
      switch (cmd.kind) {
        case "who_works_with": {
          const r = await runTool(whoWorksWith, ctx, { clientName: cmd.clientName, date: cmd.day });
          text = r.clients.length === 0
            ? `No active client matches "${cmd.clientName}".`
            : r.clients.map((c) => `*${c.clientName}* on ${cmd.day}:\n${c.shifts.map((s) => `• ${fmt(s.start)}–${DateTime.fromISO(s.end, { zone: tz }).toFormat("h:mma")} — ${s.caregiverName ?? "_open_"} (\`${s.shiftKey}\`)`).join("\n") || "• no shifts"}`).join("\n");
          break;
        }
        case "open": {
          const r = await runTool(listOpenShifts, ctx, { date: cmd.day });
          text = r.shifts.length === 0 ? `No open shifts on ${cmd.day}. 🎉` : `*Open shifts on ${cmd.day}:*\n${r.shifts.map((s) => `• ${fmt(s.start)} — ${s.clientFirstName}, ${s.city} (\`${s.shiftKey}\`)`).join("\n")}`;
          break;
        }
        case "messages": {
          const r = await runTool(recentMessages, ctx, { personName: cmd.name });
          text = r.people.length === 0
            ? `No caregiver matches "${cmd.name}".`
            : r.people.map((p) => `*${p.name}*:\n${p.messages.map((m) => `• ${fmt(m.at)} ${m.direction === "in" ? "→" : "←"} ${escapeSlackText(m.text)}`).join("\n") || "• no messages"}`).join("\n");
          break;
        }
        case "fill": {
          const r = await runTool(recordCallOff, ctx, { shiftKey: cmd.shiftKey });
          text = r.created ? `Started outreach for \`${cmd.shiftKey}\` (campaign ${r.campaignId}, ${r.candidates} candidates).` : `Outreach for \`${cmd.shiftKey}\` is already running (campaign ${r.campaignId}).`;
          break;
        }
        default:
          text = COORDINATOR_HELP;
      }
    } catch (err) {
      if (!(err instanceof ToolError)) throw err;
      text = `⚠️ ${err.message}`;
    }
    const target = state.inbound!.replyTarget ?? { channel: state.inbound!.from };
    const reply: PlannedReply = { text, slack: { channel: target.channel, threadTs: target.threadTs } };
    return { replies: [reply], tools: [...state.tools, `coordinator.${cmd.kind}`], outcome: `coordinator.${cmd.kind}` };
  };
}
