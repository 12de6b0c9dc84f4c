-- Vector recall for conversation memory, only where pgvector is installed. On a server without it this
-- migration records itself and changes nothing; start-up then reports vector memory as off
-- (VECTOR_MEMORY=on makes that fatal). Dimensions match the embedded lexical embedder (agent/memory).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    EXECUTE 'ALTER TABLE memory_items ADD COLUMN embedding vector(256)';
    EXECUTE 'CREATE INDEX memory_items_embedding_idx ON memory_items USING hnsw (embedding vector_cosine_ops)';
  END IF;
END
$$;
