import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type { Database } from "./pool.js";

/**
 * LangGraph's Postgres checkpointer on the same pool (PGlite adapter or server), in the database's schema, so
 * each sender's conversation thread survives restarts. `setup()` creates its tables on first use.
 */
export async function createCheckpointer(db: Database): Promise<PostgresSaver> {
  const saver = new PostgresSaver(db.pool, undefined, { schema: db.schema });
  await saver.setup();
  return saver;
}
