import { z } from "zod";
import { coordinatorIndex } from "../db/repos/directory.js";
import { ToolError, type AgentTool } from "./types.js";
import type { Person } from "./ports.js";

export const IdentifySenderInput = z.object({
  address: z.string().min(2).max(40).describe("E.164 phone number, or a Slack user id for Slack messages"),
  channel: z.enum(["sms", "voice", "slack"]).describe("Channel the message came on"),
});
export const IdentifySenderOutput = z.object({
  kind: z.enum(["caregiver", "client", "family", "coordinator", "unknown"]),
  id: z.string().optional(),
  clientId: z.string().optional(),
  firstName: z.string().optional(),
  language: z.string().optional(),
});

/** Who is this: caregiver / client / family (WellSky, by phone) or coordinator (directory, by phone or Slack id). */
export const identifySender: AgentTool<z.infer<typeof IdentifySenderInput>, z.infer<typeof IdentifySenderOutput>> = {
  name: "identify_sender",
  description: "Identifies who sent a message from their phone number (WellSky caregivers, clients and family contacts; agency coordinators) or Slack user id.",
  inputSchema: IdentifySenderInput,
  outputSchema: IdentifySenderOutput,
  effect: "read",
  async run({ ctx, input }) {
    // Who owns a number is personal data: a sender may be identified (that is how a turn starts), but nobody
    // but staff may look up someone else's number.
    const a = ctx.actor;
    const own = a.kind === "unknown" ? a.address : a.kind === "caregiver" || a.kind === "family" || a.kind === "client" ? a.phone : null;
    if (a.kind !== "coordinator" && a.kind !== "system" && own !== input.address) throw new ToolError("forbidden", "Only the sender's own address can be identified.");
    // Every turn starts here: coordinators come from the process's cached copy of the directory, not a query.
    const coordinators = await coordinatorIndex(ctx.pool);
    if (input.channel === "slack") {
      const c = coordinators.bySlackUser.get(input.address);
      return c ? { kind: "coordinator", id: c.id, firstName: c.name.split(" ")[0], language: "en" } : { kind: "unknown" };
    }
    const coord = coordinators.byPhone.get(input.address);
    if (coord) return { kind: "coordinator", id: coord.id, firstName: coord.name.split(" ")[0], language: "en" };
    const p: Person = await ctx.agency.findPersonByPhone(input.address);
    if (p.kind === "unknown") return { kind: "unknown" };
    return { kind: p.kind, id: p.id, clientId: p.kind === "family" ? p.clientId : undefined, firstName: p.firstName, language: p.language };
  },
};
