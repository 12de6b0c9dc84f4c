import { respondToOffer } from "../../tools/respond-to-offer.js";
import { runTool } from "../../tools/types.js";
import type { AgentDeps } from "../deps.js";
import type { AgentStateType, AgentUpdate } from "../state.js";
import { toolContext } from "../turn.js";

/**
 * handle_offer: a reply correlated with an offer text goes to the fill workflow, which decides (first YES
 * wins, in the database) and sends every confirmation itself — so this node plans no reply of its own.
 */
export function handleOffer(deps: AgentDeps) {
  return async (state: AgentStateType): Promise<AgentUpdate> => {
    const offerMessageId = Number(state.question?.ref.offerMessageId);
    const r = await runTool(respondToOffer, toolContext(deps, state), { offerMessageId, interpretation: state.interpretation!, inboundId: state.inbound!.id });
    return { tools: [...state.tools, "respond_to_offer"], outcome: `offer.${r.kind}` };
  };
}
