import type { AgentDeps } from "./deps.js";
import type { AgentStateType } from "./state.js";
import type { Actor, ToolContext } from "../tools/types.js";

/** The actor for this turn, from the identified sender. Unknown senders can do nothing but be answered. */
export function actorOf(state: AgentStateType): Actor {
  const s = state.sender;
  const from = state.inbound?.from ?? "";
  if (!s || !s.id) return { kind: "unknown", address: from };
  switch (s.kind) {
    case "caregiver":
      return { kind: "caregiver", id: s.id, phone: from };
    case "coordinator":
      return { kind: "coordinator", id: s.id };
    case "family":
      return { kind: "family", id: s.id, clientId: s.clientId ?? "", phone: from };
    case "client":
      return { kind: "client", id: s.id, phone: from };
    default:
      return { kind: "unknown", address: from };
  }
}

/** Builds the ToolContext for this turn; tools enforce authority from `actor`, never from message text. */
export function toolContext(deps: AgentDeps, state: AgentStateType): ToolContext {
  return {
    actor: actorOf(state),
    conversationId: state.inbound?.from ?? "unknown",
    logger: deps.logger,
    clock: deps.clock,
    pool: deps.pool,
    agency: deps.agency,
    writer: deps.writer,
    sender: deps.sender,
    fill: deps.fill,
    settings: deps.settings,
  };
}

/** Memory key of the sender: their own conversations only. */
export function personKey(state: AgentStateType): string {
  const s = state.sender;
  return s?.id ? `${s.kind}:${s.id}` : `phone:${state.inbound?.from ?? "unknown"}`;
}
