import fs from "node:fs";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, devRoutesEnabled, loadConfig } from "./env.js";

describe("configuration", () => {
  it("runs on embedded defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.WELLSKY_BASE_URL).toBeUndefined();
    expect(c.WELLSKY_FAKE_PORT).toBe(4010);
    expect(c.AGENCY_TIMEZONE).toBe("America/Denver");
    expect(c.FILL_ESCALATE_AFTER).toBe(900);
    expect(c.FILL_WAVE_DELAYS).toEqual([0, 300, 600]);
    expect(c.BUSINESS_DAYS).toEqual([1, 2, 3, 4, 5]);
    expect(devRoutesEnabled(c)).toBe(true);
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({ PORT: "99999", AGENCY_TIMEZONE: "Mars/Olympus", BUSINESS_HOURS_START: "25:00", VECTOR_MEMORY: "maybe", DATABASE_URL: "not a url" });
      expect.unreachable("should have thrown");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const key of ["PORT", "AGENCY_TIMEZONE", "BUSINESS_HOURS_START", "VECTOR_MEMORY", "DATABASE_URL"]) expect(problems).toContain(key);
      expect((err as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("requires RingCentral credentials together, with a from number", () => {
    expect(() => loadConfig({ RINGCENTRAL_JWT: "x" })).toThrow(/RINGCENTRAL_CLIENT_ID, RINGCENTRAL_CLIENT_SECRET and RINGCENTRAL_JWT together/);
    expect(() => loadConfig({ RINGCENTRAL_JWT: "x", RINGCENTRAL_CLIENT_ID: "a", RINGCENTRAL_CLIENT_SECRET: "b" })).toThrow(/RINGCENTRAL_FROM_NUMBER/);
  });

  it("refuses closing time before opening time, and dev routes follow NODE_ENV", () => {
    expect(() => loadConfig({ BUSINESS_HOURS_START: "18:00", BUSINESS_HOURS_END: "08:00" })).toThrow(/BUSINESS_HOURS_END/);
    expect(devRoutesEnabled(loadConfig({ NODE_ENV: "production" }))).toBe(false);
    expect(devRoutesEnabled(loadConfig({ NODE_ENV: "production", DEV_ROUTES: "true" }))).toBe(true);
  });

  it("runs several workers only on a PostgreSQL server, and a fake clock never in production", () => {
    expect(() => loadConfig({ WORKERS: "2" })).toThrow(/WORKERS: more than one worker needs DATABASE_URL/);
    expect(loadConfig({ WORKERS: "2", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" }).WORKERS).toBe(2);
    expect(() => loadConfig({ WORKERS: "0" })).toThrow(/WORKERS/);
    expect(loadConfig({ FAKE_NOW: "2026-11-24T17:00:00Z" }).FAKE_NOW).toBe("2026-11-24T17:00:00Z");
    expect(() => loadConfig({ FAKE_NOW: "next tuesday" })).toThrow(/FAKE_NOW/);
    expect(() => loadConfig({ NODE_ENV: "production", FAKE_NOW: "2026-11-24T17:00:00Z" })).toThrow(/FAKE_NOW: must not be set in production/);
  });

  it(".env.example documents every setting and parses", () => {
    const text = fs.readFileSync(".env.example", "utf8");
    for (const key of Object.keys(ConfigSchema.shape)) expect(text, key).toMatch(new RegExp(`^#? ?${key}=`, "m"));
    expect(() => loadConfig(parseEnv(text))).not.toThrow();
  });
});
