-- Agent conversation state (db/checkpointer.ts): only the latest LangGraph checkpoint of each sender thread,
-- with its pending writes, in one row, so a turn is one SELECT and one UPSERT.

-- LangGraph's PostgresSaver tables, which this replaces. They held only per-sender clarification counters and
-- reply language, which rebuild from each sender's next message, so nothing is migrated. Qualified with the
-- current schema so a test schema never drops same-named tables in `public` through the search path.
DO $$
BEGIN
  EXECUTE format('DROP TABLE IF EXISTS %1$I.checkpoints, %1$I.checkpoint_blobs, %1$I.checkpoint_writes, %1$I.checkpoint_migrations',
                 current_schema());
END
$$;

CREATE TABLE agent_checkpoints (
  thread_id             text NOT NULL,               -- phone:<e164> | slack:<user id>
  checkpoint_ns         text NOT NULL,               -- '' for the graph, non-empty for subgraphs
  -- Ids are uuid6, which sort by creation time; "C" makes the comparison byte order whatever the locale.
  checkpoint_id         text COLLATE "C",            -- null while only writes have arrived (see putWrites)
  parent_checkpoint_id  text,                        -- the checkpoint this one replaced
  checkpoint_type       text,                        -- serde type of `checkpoint` (json | bytes)
  checkpoint            bytea,
  metadata_type         text,
  metadata              bytea,
  writes_checkpoint_id  text COLLATE "C",            -- which checkpoint `writes` belong to
  writes                jsonb,                       -- pending writes keyed [task_id, idx], values base64
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, checkpoint_ns)
);
