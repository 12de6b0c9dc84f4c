import { describe, expect, it } from "vitest";
import { actions, context, escapeSlackText, section } from "./format.js";

describe("Slack formatting", () => {
  it("escapes control characters so quoted SMS text cannot @channel", () => {
    expect(escapeSlackText("call me <!channel> & <@U123>")).toBe("call me &lt;!channel&gt; &amp; &lt;@U123&gt;");
  });

  it("builds section, context and button blocks in Block Kit shape", () => {
    expect(section("*Maria* called out")).toEqual({ type: "section", text: { type: "mrkdwn", text: "*Maria* called out" } });
    expect(context("risk high")).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "risk high" }] });
    expect(actions("assign:s1", [{ actionId: "approve_assign", text: "Approve", value: "s1|ana", style: "primary" }])).toEqual({
      type: "actions",
      block_id: "assign:s1",
      elements: [{ type: "button", action_id: "approve_assign", text: { type: "plain_text", text: "Approve" }, value: "s1|ana", style: "primary" }],
    });
  });

  it("enforces Slack's limits in our code", () => {
    expect(() => actions("b", [{ actionId: "a", text: "x".repeat(76), value: "v" }])).toThrow(/button text/);
    expect(() => actions("b", [{ actionId: "a", text: "ok", value: "v".repeat(2001) }])).toThrow(/button value/);
    expect(() => actions("b", [{ actionId: "", text: "ok", value: "v" }])).toThrow(/action_id/);
    expect(() => section("x".repeat(3001))).toThrow(/section text/);
  });
});
