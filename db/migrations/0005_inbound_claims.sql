-- When a message was claimed for processing. Several Coverline processes can share one PostgreSQL server;
-- a sender's messages are handled in order across all of them because a claim is refused while an earlier
-- message from the same sender is pending (db/repos/messages.ts claimInbound). A claim older than the
-- timeout belonged to a process that died mid-turn: it stops holding the sender back and the sweeper retakes it.
ALTER TABLE inbound_messages ADD COLUMN claimed_at timestamptz;
UPDATE inbound_messages SET claimed_at = received_at WHERE status = 'processing';
-- The pending-earlier-message check of every claim.
CREATE INDEX inbound_messages_pending_from_idx ON inbound_messages (from_address, id) WHERE status IN ('received', 'processing');
