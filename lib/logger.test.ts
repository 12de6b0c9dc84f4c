import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubPhones } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("logs carry no phone numbers or message bodies", () => {
  it("redacts sensitive fields at any depth we log", () => {
    const { logger, lines } = capture();
    logger.info({ inboundId: 7, from: "+13035550123", text: "I'm sick, can't come", msg2: { to: "+17205550111", body: "hello" } }, "turn");
    const out = lines.join("");
    expect(out).toContain('"inboundId":7');
    expect(out).not.toContain("5550123");
    expect(out).not.toContain("sick");
    expect(out).not.toContain("5550111");
    expect(out).not.toContain("hello");
  });

  it("scrubs phone-shaped text from free-text messages and errors", () => {
    const { logger, lines } = capture();
    logger.warn("send to +1 (303) 555-0123 failed");
    expect(lines.join("")).not.toContain("555-0123");
    expect(scrubPhones("call 303.555.0199 or +17205550111")).toBe("call [phone] or [phone]");
  });

  it("scrubs phone numbers out of logged errors, as an Error or as a message string", () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('duplicate key (to_address)=(+13035550123)') }, "insert failed");
    logger.warn({ err: "send to 720-555-0111 failed" }, "retry");
    const out = lines.join("");
    expect(out).toContain("duplicate key");
    expect(out).not.toContain("5550123");
    expect(out).not.toContain("555-0111");
  });
});
