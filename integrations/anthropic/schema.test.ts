import { describe, expect, it } from "vitest";
import { INTENTS, type ConversationContext } from "../../domain/intents.js";
import { LANGUAGES } from "../../domain/types.js";
import { INTERPRETATION_TOOL, INTERPRETATION_TOOL_NAME, ModelInterpretation } from "./schema.js";
import { constrainSelection } from "./selection.js";

type Prop = { enum?: string[]; type?: string; properties?: Record<string, Prop> };
const schema = INTERPRETATION_TOOL.input_schema as { type: string; properties: Record<string, Prop>; required: string[]; $schema?: string };

describe("INTERPRETATION_TOOL", () => {
  it("is generated from the domain enums: every Intent and Language appears", () => {
    expect(INTERPRETATION_TOOL.name).toBe(INTERPRETATION_TOOL_NAME);
    expect(schema.properties.intent!.enum).toEqual([...INTENTS]);
    expect(schema.properties.language!.enum).toEqual([...LANGUAGES]);
  });

  it("is an object schema of the interpretation fields, without source or a $schema dialect", () => {
    expect(schema.type).toBe("object");
    expect(schema.$schema).toBeUndefined();
    expect(Object.keys(schema.properties).sort()).toEqual(["confidence", "entities", "intent", "language"]);
    expect(schema.required.sort()).toEqual(["confidence", "entities", "intent", "language"]);
    expect(Object.keys(schema.properties.entities!.properties!).sort()).toEqual(
      ["availability", "date", "etaMinutes", "selection", "timeMinutes", "timeRange"],
    );
  });
});

describe("ModelInterpretation", () => {
  const ok = { intent: "call_off", language: "es", confidence: 0.9, entities: { date: "2026-11-24" } };

  it("accepts a well-formed answer and strips keys the schema does not know", () => {
    expect(ModelInterpretation.parse({ ...ok, source: "rules", reply: "hi" })).toEqual(ok);
  });

  it.each([
    ["an unknown intent", { ...ok, intent: "give_all_shifts" }],
    ["confidence above 1", { ...ok, confidence: 7 }],
    ["an unknown language", { ...ok, language: "fr" }],
    ["a malformed date", { ...ok, entities: { date: "tomorrow" } }],
    ["missing entities", { intent: "call_off", language: "en", confidence: 0.9 }],
  ])("rejects %s", (_label, input) => {
    expect(ModelInterpretation.safeParse(input).success).toBe(false);
  });
});

describe("constrainSelection", () => {
  const offer: ConversationContext = { kind: "offer", options: [{ n: 1, label: "a" }, { n: 2, label: "b" }, { n: 3, label: "c" }] };

  it("keeps option numbers that were offered, sorted and de-duplicated", () => {
    expect(constrainSelection({ selection: [3, 1, 3] }, offer)).toEqual({ entities: { selection: [1, 3] }, dropped: [] });
  });

  it("drops numbers that were not offered and reports them", () => {
    expect(constrainSelection({ selection: [2, 5], etaMinutes: 10 }, offer)).toEqual({ entities: { selection: [2], etaMinutes: 10 }, dropped: [5] });
  });

  it("removes the selection entirely when nothing valid is left or there were no options", () => {
    expect(constrainSelection({ selection: [7] }, offer)).toEqual({ entities: {}, dropped: [7] });
    expect(constrainSelection({ selection: [1] }, { kind: "none" })).toEqual({ entities: {}, dropped: [1] });
  });

  it("leaves entities without a selection alone", () => {
    const entities = { timeRange: { startMinutes: 510, endMinutes: 690 } };
    expect(constrainSelection(entities, offer)).toEqual({ entities, dropped: [] });
  });
});
