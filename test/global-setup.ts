import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/pool.js";
import { migrate } from "../db/migrate.js";

/**
 * Migrates one in-memory PGlite once per test run and dumps it, so each test file loads a ready database
 * in ~1 s instead of creating and migrating its own (~4 s). See shared/reference/testing-notes.md.
 */
export default async function setup(project: TestProject) {
  const db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  const dump = await db.dump!();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coverline-test-"));
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
