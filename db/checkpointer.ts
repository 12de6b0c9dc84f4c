import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  getCheckpointId,
  writesSortKey,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
} from "@langchain/langgraph-checkpoint";
import type { Database, Queryable } from "./pool.js";

/**
 * The checkpointer for the sender threads (`agent_checkpoints`, migration 0004): a turn costs one SELECT
 * (`getTuple`) and one UPSERT (`put`). It replaces LangGraph's PostgresSaver, which spent about 18 statements
 * a turn (a transaction with one upsert per changed channel) and kept every checkpoint forever, though the
 * agent never reads checkpoint history (runTurn checkpoints once per turn, on exit).
 */
export function createCheckpointer(db: Database): LatestCheckpointSaver {
  return new LatestCheckpointSaver(db.pool);
}

/** One pending write as stored: the serde's bytes in base64, so the writes can merge as jsonb inside SQL. */
interface StoredWrite {
  task_id: string;
  idx: number;
  channel: string;
  type: string;
  value: string;
  task_path: string;
}

interface CheckpointRow {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
  parent_checkpoint_id: string | null;
  checkpoint_type: string;
  checkpoint: Uint8Array;
  metadata_type: string;
  metadata: Uint8Array;
  writes: Record<string, StoredWrite> | null;
}

// Writes count only when they belong to the stored checkpoint; a row with writes but no checkpoint yet (see
// putWrites) doesn't count as a checkpoint.
const SELECT_ROWS = `SELECT thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint_type, checkpoint,
    metadata_type, metadata, CASE WHEN writes_checkpoint_id = checkpoint_id THEN writes END AS writes
  FROM agent_checkpoints WHERE checkpoint IS NOT NULL`;

// "Latest" is the greatest checkpoint id (uuid6 ids sort by creation time), as in PostgresSaver and
// MemorySaver, so a late put of an older checkpoint can't roll the thread back. A pending write belongs to one
// checkpoint: a new checkpoint drops the old one's writes, but keeps writes that arrived first for itself.
const UPSERT_CHECKPOINT = `INSERT INTO agent_checkpoints AS t
    (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint_type, checkpoint, metadata_type, metadata)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (thread_id, checkpoint_ns) DO UPDATE SET
    checkpoint_id = EXCLUDED.checkpoint_id,
    parent_checkpoint_id = EXCLUDED.parent_checkpoint_id,
    checkpoint_type = EXCLUDED.checkpoint_type,
    checkpoint = EXCLUDED.checkpoint,
    metadata_type = EXCLUDED.metadata_type,
    metadata = EXCLUDED.metadata,
    writes = CASE WHEN t.writes_checkpoint_id = EXCLUDED.checkpoint_id THEN t.writes END,
    writes_checkpoint_id = CASE WHEN t.writes_checkpoint_id = EXCLUDED.checkpoint_id THEN t.writes_checkpoint_id END,
    updated_at = now()
  WHERE t.checkpoint_id IS NULL OR t.checkpoint_id <= EXCLUDED.checkpoint_id`;

// LangGraph issues the writes of a failed or interrupted run without waiting for the put of the checkpoint
// they belong to, so they may land first: that is why this is an upsert, and why it keys on
// writes_checkpoint_id rather than on the stored checkpoint. Writes for an older checkpoint than the row's
// are stale and dropped. $4 holds ordinary writes, where the first one stored for a key wins (a retried task
// doesn't replace its earlier output); $5 holds the special ones (error, interrupt, resume…), where the last wins.
const UPSERT_WRITES = `INSERT INTO agent_checkpoints AS t (thread_id, checkpoint_ns, writes_checkpoint_id, writes)
  VALUES ($1, $2, $3, $4::jsonb || $5::jsonb)
  ON CONFLICT (thread_id, checkpoint_ns) DO UPDATE SET
    writes = CASE WHEN t.writes_checkpoint_id = EXCLUDED.writes_checkpoint_id THEN $4::jsonb || t.writes || $5::jsonb
                  ELSE EXCLUDED.writes END,
    writes_checkpoint_id = EXCLUDED.writes_checkpoint_id,
    updated_at = now()
  WHERE EXCLUDED.writes_checkpoint_id >= COALESCE(GREATEST(t.checkpoint_id, t.writes_checkpoint_id), '')`;

/**
 * A LangGraph checkpoint saver that keeps only the latest checkpoint of each (thread, namespace) and that
 * checkpoint's pending writes, in one row. Enough to resume a thread; there is no history, so time travel
 * (`getTuple` with an older `checkpoint_id`) finds nothing, `list` yields at most one checkpoint per
 * (thread, namespace), and `DeltaChannel` state (which is rebuilt from ancestors' writes) is refused.
 */
export class LatestCheckpointSaver extends BaseCheckpointSaver {
  constructor(
    private readonly db: Queryable,
    serde?: SerializerProtocol,
  ) {
    super(serde);
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) return undefined;
    const checkpointNs = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const checkpointId = getCheckpointId(config) || null;
    const { rows } = await this.db.query<CheckpointRow>(
      `${SELECT_ROWS} AND thread_id = $1 AND checkpoint_ns = $2 AND ($3::text IS NULL OR checkpoint_id = $3)`,
      [threadId, checkpointNs, checkpointId],
    );
    return rows[0] && this.toTuple(rows[0]);
  }

  /** Yields the latest checkpoint of each matching (thread, namespace): no history is kept. */
  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options;
    let { limit } = options;
    const { rows } = await this.db.query<CheckpointRow>(
      `${SELECT_ROWS} AND ($1::text IS NULL OR thread_id = $1) AND ($2::text IS NULL OR checkpoint_ns = $2)
         AND ($3::text IS NULL OR checkpoint_id = $3) AND ($4::text IS NULL OR checkpoint_id < $4)
       ORDER BY checkpoint_id DESC`,
      [config.configurable?.thread_id ?? null, config.configurable?.checkpoint_ns ?? null, config.configurable?.checkpoint_id ?? null, before?.configurable?.checkpoint_id ?? null],
    );
    for (const row of rows) {
      if (limit !== undefined && limit <= 0) return;
      const tuple = await this.toTuple(row);
      const metadata = tuple.metadata as Record<string, unknown> | undefined;
      if (filter && !Object.entries(filter).every(([k, v]) => metadata?.[k] === v)) continue;
      if (limit !== undefined) limit -= 1;
      yield tuple;
    }
  }

  /** Replaces the thread's checkpoint; `newVersions` is unused because the whole checkpoint is one value. */
  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _newVersions: ChannelVersions): Promise<RunnableConfig> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) throw new Error('Cannot save a checkpoint: the config has no configurable "thread_id"');
    const checkpointNs = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const [[checkpointType, checkpointBytes], [metadataType, metadataBytes]] = await Promise.all([
      this.serde.dumpsTyped(checkpoint),
      this.serde.dumpsTyped(metadata),
    ]);
    await this.db.query(UPSERT_CHECKPOINT, [
      threadId,
      checkpointNs,
      checkpoint.id,
      (config.configurable?.checkpoint_id as string | undefined) ?? null,
      checkpointType,
      checkpointBytes,
      metadataType,
      metadataBytes,
    ]);
    return { configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpoint.id } };
  }

  /** Adds a task's writes to the checkpoint named in `config`, keyed (task, index) like LangGraph's savers. */
  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ""): Promise<void> {
    const threadId = config.configurable?.thread_id as string | undefined;
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (threadId === undefined || checkpointId === undefined) {
      throw new Error('Cannot save writes: the config needs configurable "thread_id" and "checkpoint_id"');
    }
    const ordinary: Record<string, StoredWrite> = {};
    const special: Record<string, StoredWrite> = {};
    await Promise.all(
      writes.map(async ([channel, value], i) => {
        const idx = WRITES_IDX_MAP[channel] ?? i;
        const [type, bytes] = await this.serde.dumpsTyped(value);
        const stored = { task_id: taskId, idx, channel, type, value: Buffer.from(bytes).toString("base64"), task_path: taskPath };
        (idx < 0 ? special : ordinary)[JSON.stringify([taskId, idx])] = stored;
      }),
    );
    const checkpointNs = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    await this.db.query(UPSERT_WRITES, [threadId, checkpointNs, checkpointId, JSON.stringify(ordinary), JSON.stringify(special)]);
  }

  async deleteThread(threadId: string): Promise<void> {
    await this.db.query("DELETE FROM agent_checkpoints WHERE thread_id = $1", [threadId]);
  }

  /** Refused: a DeltaChannel is rebuilt by walking ancestors' writes, and this saver keeps no ancestors. */
  override async getDeltaChannelHistory(options: { channels: string[] }): Promise<never> {
    throw new Error(
      `LatestCheckpointSaver keeps no checkpoint history, which DeltaChannel ${options.channels.join(", ")} needs. ` +
        `Use a plain reducer channel, or a history-keeping saver.`,
    );
  }

  private async toTuple(row: CheckpointRow): Promise<CheckpointTuple> {
    const { thread_id, checkpoint_ns, parent_checkpoint_id } = row;
    // getTuple must return writes in the order live execution applied them (see BaseCheckpointSaver.putWrites).
    const writes = Object.values(row.writes ?? {}).sort((a, b) =>
      compareWritesSortKeys(writesSortKey(a.task_path, a.task_id, a.idx), writesSortKey(b.task_path, b.task_id, b.idx)),
    );
    const [checkpoint, metadata, pendingWrites] = await Promise.all([
      this.serde.loadsTyped(row.checkpoint_type, row.checkpoint) as Promise<Checkpoint>,
      this.serde.loadsTyped(row.metadata_type, row.metadata) as Promise<CheckpointMetadata>,
      Promise.all(
        writes.map(async (w): Promise<CheckpointPendingWrite> => [w.task_id, w.channel, await this.serde.loadsTyped(w.type, Buffer.from(w.value, "base64"))]),
      ),
    ]);
    return {
      config: { configurable: { thread_id, checkpoint_ns, checkpoint_id: row.checkpoint_id } },
      checkpoint,
      metadata,
      parentConfig: parent_checkpoint_id ? { configurable: { thread_id, checkpoint_ns, checkpoint_id: parent_checkpoint_id } } : undefined,
      pendingWrites,
    };
  }
}
