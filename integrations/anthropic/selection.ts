import type { ConversationContext, Entities } from "../../domain/intents.js";

/**
 * Keeps only the offer option numbers that the conversation context actually showed this person.
 * The schema bounds `selection` to 1–9, but only the context knows which of those exist; a number the
 * model invented (or the person mistyped) must never reach the offer workflow as if it were a choice.
 * The result is de-duplicated and sorted; an empty selection is removed rather than left as `[]`.
 */
export function constrainSelection(entities: Entities, context: ConversationContext): { entities: Entities; dropped: number[] } {
  if (entities.selection === undefined) return { entities, dropped: [] };
  const offered = new Set((context.options ?? []).map((o) => o.n));
  const kept = [...new Set(entities.selection.filter((n) => offered.has(n)))].sort((a, b) => a - b);
  const dropped = [...new Set(entities.selection.filter((n) => !offered.has(n)))].sort((a, b) => a - b);
  const { selection: _unchecked, ...rest } = entities;
  return { entities: kept.length > 0 ? { ...rest, selection: kept } : rest, dropped };
}
