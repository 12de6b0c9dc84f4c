import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { MIN_ACTIONABLE_CONFIDENCE } from "../domain/intents.js";
import type { AgentDeps } from "./deps.js";
import { AgentState, type AgentStateType, type AgentUpdate, type TurnInbound } from "./state.js";
import { answerSchedule } from "./nodes/answer-schedule.js";
import { coordinatorChat } from "./nodes/coordinator-chat.js";
import { escalateToCoordinator } from "./nodes/escalate-to-coordinator.js";
import { handleCallOff } from "./nodes/handle-call-off.js";
import { handleOffer } from "./nodes/handle-offer.js";
import { handleRunningLate } from "./nodes/handle-running-late.js";
import { handleUrgent } from "./nodes/handle-urgent.js";
import { interpretMessage } from "./nodes/interpret-message.js";
import { loadContext } from "./nodes/load-context.js";
import { sendReplies } from "./nodes/send-replies.js";
import { clarifyNode, handleAvailability, handleClockIssue, handleConfirm, handleOther, handOff } from "./nodes/simple-acks.js";
import { unknownSenderNode } from "./nodes/unknown-sender.js";
import { installLightRunContext } from "./run-context.js";

/** Node ids (snake_case, matching agent/nodes/<kebab-case>.ts). */
const ACTIONS = [
  "handle_offer",
  "handle_call_off",
  "handle_urgent",
  "handle_running_late",
  "answer_schedule",
  "handle_availability",
  "handle_confirm",
  "handle_clock_issue",
  "escalate_to_coordinator",
  "clarify",
  "hand_off",
  "handle_other",
  "unknown_sender",
  "coordinator_chat",
] as const;
type Action = (typeof ACTIONS)[number];

/**
 * Picks the action for a turn. Business rules, not a model: who is writing, what they mean, what they were
 * asked. Low confidence never reaches an action that moves a shift.
 */
export function routeTurn(state: AgentStateType): Action {
  const sender = state.sender!;
  if (sender.kind === "coordinator") return "coordinator_chat";
  if (sender.kind === "unknown") return "unknown_sender";
  const i = state.interpretation!;
  if (i.confidence < MIN_ACTIONABLE_CONFIDENCE) return state.clarifications >= 1 ? "hand_off" : "clarify";
  if (sender.kind !== "caregiver") {
    // Family and clients: changes and incidents go to their coordinator; chit-chat gets nothing.
    return i.intent === "other" || i.intent === "confirm" ? "handle_other" : "escalate_to_coordinator";
  }
  switch (i.intent) {
    case "offer_accept":
    case "offer_decline":
    case "offer_question":
    case "offer_partial":
      return state.question?.kind === "offer" ? "handle_offer" : "handle_other";
    case "call_off":
      return "handle_call_off";
    case "urgent":
      return "handle_urgent";
    case "running_late":
      return "handle_running_late";
    case "schedule_query":
      return "answer_schedule";
    case "availability_update":
      return "handle_availability";
    case "confirm":
      return "handle_confirm";
    case "clock_issue":
      return "handle_clock_issue";
    case "incident":
    case "schedule_change":
      return "escalate_to_coordinator";
    case "opt_out":
    case "help":
      // Exact STOP/HELP keywords are handled before the agent; a sentence that merely sounds like one
      // goes to a human rather than silently unsubscribing someone.
      return "hand_off";
    default:
      return "handle_other";
  }
}

/**
 * Builds the conversation graph: load_context → interpret_message → (one action) → send_replies. Checkpointed
 * per sender (thread id = their address) when a checkpointer is given.
 */
export function buildAgentGraph(deps: AgentDeps): AgentGraph {
  installLightRunContext();
  const nodes: Record<Action, NodeFn> = {
    handle_offer: handleOffer(deps),
    handle_call_off: handleCallOff(deps),
    handle_urgent: handleUrgent(deps),
    handle_running_late: handleRunningLate(deps),
    answer_schedule: answerSchedule(deps),
    handle_availability: handleAvailability(deps),
    handle_confirm: handleConfirm(deps),
    handle_clock_issue: handleClockIssue(deps),
    escalate_to_coordinator: escalateToCoordinator(deps),
    clarify: clarifyNode(deps),
    hand_off: handOff(deps),
    handle_other: handleOther(deps),
    unknown_sender: unknownSenderNode(deps),
    coordinator_chat: coordinatorChat(deps),
  };
  const skipInterpret = (s: AgentStateType) => (s.sender?.kind === "coordinator" ? "coordinator_chat" : "interpret_message");
  // The action set is data (ACTIONS), which LangGraph's chained builder types cannot follow; routing stays
  // type-checked through routeTurn's `Action` return type.
  const g = new StateGraph(AgentState) as unknown as LooseBuilder;
  g.addNode("load_context", loadContext(deps)).addNode("interpret_message", interpretMessage(deps)).addNode("send_replies", sendReplies(deps));
  for (const a of ACTIONS) g.addNode(a, nodes[a]);
  g.addEdge(START, "load_context")
    .addConditionalEdges("load_context", skipInterpret, ["interpret_message", "coordinator_chat"])
    .addConditionalEdges("interpret_message", routeTurn, [...ACTIONS]);
  for (const a of ACTIONS) g.addEdge(a, "send_replies");
  g.addEdge("send_replies", END);
  return g.compile({ checkpointer: deps.checkpointer });
}

type NodeFn = (s: AgentStateType) => Promise<AgentUpdate>;
interface LooseBuilder {
  addNode(name: string, fn: NodeFn): LooseBuilder;
  addEdge(from: string, to: string): LooseBuilder;
  addConditionalEdges(from: string, route: (s: AgentStateType) => string, ends: string[]): LooseBuilder;
  compile(opts: { checkpointer?: BaseCheckpointSaver }): AgentGraph;
}

/** The compiled graph, as used by the runner. */
export interface AgentGraph {
  invoke(input: { inbound: TurnInbound }, config: { configurable: { thread_id: string }; durability?: "exit" | "async" | "sync" }): Promise<unknown>;
}

/** Runs one inbound message through the graph on its sender's thread; returns the final state. */
export async function runTurn(graph: AgentGraph, inbound: TurnInbound): Promise<AgentStateType> {
  return (await graph.invoke({ inbound }, { configurable: { thread_id: `${inbound.channel === "slack" ? "slack" : "phone"}:${inbound.from}` }, durability: "exit" })) as AgentStateType;
}
