import { z } from "zod";
import { ShiftSummary, localWindow, summarize } from "./shared.js";
import { ToolError, type AgentTool, type ToolContext } from "./types.js";

/** Coordinator-only read tools behind the Slack chat ("what's open today?", "who works with Margaret?"). */

function requireCoordinator(ctx: ToolContext): void {
  if (ctx.actor.kind !== "coordinator" && ctx.actor.kind !== "system") throw new ToolError("forbidden", "Coordinators only.");
}

const DateInput = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("Local day, YYYY-MM-DD");

export const ListOpenShiftsInput = z.object({ date: DateInput, days: z.number().int().min(1).max(7).default(1) });
export const ListOpenShiftsOutput = z.object({ shifts: z.array(ShiftSummary) });

export const listOpenShifts: AgentTool<z.input<typeof ListOpenShiftsInput>, z.infer<typeof ListOpenShiftsOutput>> = {
  name: "list_open_shifts",
  description: "Coordinators: lists shifts with no caregiver assigned on the given local day(s), across all active clients.",
  inputSchema: ListOpenShiftsInput,
  outputSchema: ListOpenShiftsOutput,
  effect: "read",
  async run({ ctx, input }) {
    requireCoordinator(ctx);
    const { date, days } = ListOpenShiftsInput.parse(input);
    const { from, to } = localWindow(date, days, ctx.settings.timezone);
    const clients = await ctx.agency.activeClients();
    const shifts = (await ctx.agency.clientShiftsBetween(from, to, clients.map((c) => c.id)))
      .filter((s) => !s.caregiverId && s.status === "SCHEDULED" && s.start >= from && s.start < to)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    return { shifts: await Promise.all(shifts.map((s) => summarize(ctx, s))) };
  },
};

export const WhoWorksWithInput = z.object({ clientName: z.string().min(2).max(60), date: DateInput });
export const WhoWorksWithOutput = z.object({
  clients: z.array(z.object({ clientId: z.string(), clientName: z.string(), shifts: z.array(ShiftSummary.extend({ caregiverName: z.string().nullable() })) })),
});

export const whoWorksWith: AgentTool<z.infer<typeof WhoWorksWithInput>, z.infer<typeof WhoWorksWithOutput>> = {
  name: "who_works_with",
  description: "Coordinators: who is scheduled with a client (matched by name) on a local day.",
  inputSchema: WhoWorksWithInput,
  outputSchema: WhoWorksWithOutput,
  effect: "read",
  async run({ ctx, input }) {
    requireCoordinator(ctx);
    const q = input.clientName.toLowerCase();
    const clients = (await ctx.agency.activeClients()).filter((c) => `${c.firstName} ${c.lastName}`.toLowerCase().includes(q) || c.lastName.toLowerCase() === q);
    const { from, to } = localWindow(input.date, 1, ctx.settings.timezone);
    const shifts = await ctx.agency.clientShiftsBetween(from, to, clients.map((c) => c.id));
    const out = [];
    for (const c of clients.slice(0, 5)) {
      const mine = shifts.filter((s) => s.clientId === c.id && s.start >= from && s.start < to);
      const rows = [];
      for (const s of mine) {
        const cg = s.caregiverId ? await ctx.agency.getCaregiver(s.caregiverId) : null;
        rows.push({ ...(await summarize(ctx, s)), caregiverName: cg ? `${cg.firstName} ${cg.lastName}` : null });
      }
      out.push({ clientId: c.id, clientName: `${c.firstName} ${c.lastName}`, shifts: rows });
    }
    return { clients: out };
  },
};

export const RecentMessagesInput = z.object({ personName: z.string().min(2).max(60), limit: z.number().int().min(1).max(20).default(5) });
export const RecentMessagesOutput = z.object({
  people: z.array(z.object({ caregiverId: z.string(), name: z.string(), messages: z.array(z.object({ at: z.string(), direction: z.string(), text: z.string(), intent: z.string().nullable() })) })),
});

export const recentMessages: AgentTool<z.input<typeof RecentMessagesInput>, z.infer<typeof RecentMessagesOutput>> = {
  name: "recent_messages",
  description: "Coordinators: the latest messages exchanged with a caregiver (matched by name).",
  inputSchema: RecentMessagesInput,
  outputSchema: RecentMessagesOutput,
  effect: "read",
  async run({ ctx, input }) {
    requireCoordinator(ctx);
    const { personName, limit } = RecentMessagesInput.parse(input);
    const q = personName.toLowerCase();
    const matches = (await ctx.agency.activeCaregivers()).filter((c) => `${c.firstName} ${c.lastName}`.toLowerCase().includes(q)).slice(0, 3);
    const people = [];
    for (const cg of matches) {
      const { rows } = await ctx.pool.query<{ created_at: Date; direction: string; body: string; intent: string | null }>(
        "SELECT created_at, direction, body, intent FROM memory_items WHERE person_key = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        [`caregiver:${cg.id}`, limit],
      );
      people.push({
        caregiverId: cg.id,
        name: `${cg.firstName} ${cg.lastName}`,
        messages: rows.map((r) => ({ at: new Date(r.created_at).toISOString(), direction: r.direction, text: r.body, intent: r.intent })),
      });
    }
    return { people };
  },
};
