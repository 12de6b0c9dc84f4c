import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseCoordinatorCommand } from "./coordinator-chat.js";

const today = DateTime.fromISO("2026-11-24T10:00", { zone: "America/Denver" });

describe("coordinator command grammar (no key needed)", () => {
  it.each([
    ["who works with Margaret tomorrow?", { kind: "who_works_with", clientName: "Margaret", day: "2026-11-25" }],
    ["<@U0BOT> who is working with Johnson today", { kind: "who_works_with", clientName: "Johnson", day: "2026-11-24" }],
    ["who works with Margaret Johnson on 2026-11-27", { kind: "who_works_with", clientName: "Margaret Johnson", day: "2026-11-27" }],
    ["what's open today?", { kind: "open", day: "2026-11-24" }],
    ["open shifts tomorrow", { kind: "open", day: "2026-11-25" }],
    ["what did Maria text?", { kind: "messages", name: "Maria" }],
    ["fill 109131818_20261125", { kind: "fill", shiftKey: "109131818_20261125" }],
    ["how's the weather", { kind: "help" }],
  ])("%s", (text, expected) => {
    expect(parseCoordinatorCommand(text, today)).toEqual(expected);
  });
});
