-- Core tables: messaging, consent, conversation questions, audit, agency-side directory.
-- Append-only: never edit this file after it has landed; add 0002_… instead.

-- Every inbound message from any channel, deduplicated on the provider's own id so replays are no-ops.
CREATE TABLE inbound_messages (
  id                  bigserial PRIMARY KEY,
  provider            text NOT NULL,              -- ringcentral | slack | dev
  provider_message_id text NOT NULL,              -- RingCentral body.id, Slack event_id, …
  channel             text NOT NULL CHECK (channel IN ('sms', 'voice', 'slack')),
  from_address        text NOT NULL,              -- E.164 phone or Slack user id
  to_address          text,
  body                text NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  status              text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processing', 'processed', 'failed', 'ignored')),
  attempts            int NOT NULL DEFAULT 0,
  error               text,
  intent              text,
  processed_at        timestamptz,
  UNIQUE (provider, provider_message_id)
);
CREATE INDEX inbound_messages_from_idx ON inbound_messages (from_address, received_at DESC);
CREATE INDEX inbound_messages_status_idx ON inbound_messages (status) WHERE status IN ('received', 'processing', 'failed');

-- Every outbound message. The idempotency key makes "send once" safe to retry; the outbox transport
-- (no credentials) leaves rows here for /dev/outbox to read.
CREATE TABLE outbound_messages (
  id                  bigserial PRIMARY KEY,
  idempotency_key     text NOT NULL UNIQUE,
  channel             text NOT NULL CHECK (channel IN ('sms', 'slack')),
  to_address          text NOT NULL,
  body                text NOT NULL,
  blocks              jsonb,
  thread_ts           text,
  status              text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'suppressed')),
  transport           text NOT NULL,              -- outbox | ringcentral | slack
  provider_message_id text,
  error               text,
  attempts            int NOT NULL DEFAULT 0,
  in_reply_to         bigint REFERENCES inbound_messages (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  sent_at             timestamptz
);
CREATE INDEX outbound_messages_to_idx ON outbound_messages (to_address, created_at DESC);
CREATE INDEX outbound_messages_created_idx ON outbound_messages (created_at);

-- SMS consent per phone number. STOP sets opted_out; START clears it. Checked at send time.
CREATE TABLE sms_consent (
  phone         text PRIMARY KEY,
  opted_out     boolean NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  source        text NOT NULL                    -- keyword | api | coordinator
);

-- Each outbound question that expects an answer, so a reply is correlated with what it answers.
CREATE TABLE open_questions (
  id            bigserial PRIMARY KEY,
  address       text NOT NULL,                   -- who was asked (E.164)
  kind          text NOT NULL CHECK (kind IN ('offer', 'confirm_request', 'availability_checkin', 'clock_nudge', 'after_hours', 'clarify')),
  ref           jsonb NOT NULL DEFAULT '{}',     -- what it is about: offer ids, shift keys, original message id
  options       jsonb,                           -- numbered options shown, for bundles
  asked_at      timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  answered_at   timestamptz,
  closed_reason text
);
CREATE INDEX open_questions_address_idx ON open_questions (address, asked_at DESC) WHERE answered_at IS NULL;

-- Audit log: every step of every workflow, with time, actor and reason.
CREATE TABLE audit_events (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,                   -- system | caregiver:<id> | coordinator:<id> | agent
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text NOT NULL,
  reason        text,
  data          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, at);

-- Agency-side directory: facts the WellSky Connect API does not carry (coordinators, routing,
-- matching preferences). Loaded by the agency (or, in dev, from the seeded agency).
CREATE TABLE coordinators (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  phone          text NOT NULL,
  slack_user_id  text NOT NULL UNIQUE,
  backup_id      text REFERENCES coordinators (id) DEFERRABLE INITIALLY DEFERRED,
  supervisor_id  text REFERENCES coordinators (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE client_preferences (
  client_id                  text PRIMARY KEY,
  coordinator_id             text NOT NULL REFERENCES coordinators (id),
  required_skills            text[] NOT NULL DEFAULT '{}',
  required_language          text,
  preferred_caregiver_ids    text[] NOT NULL DEFAULT '{}',
  do_not_send_caregiver_ids  text[] NOT NULL DEFAULT '{}',
  gender_preference          text
);

CREATE TABLE caregiver_profiles (
  caregiver_id           text PRIMARY KEY,
  avg_rating             numeric(3, 2),
  hire_date              date,
  preferred_shift_types  text[] NOT NULL DEFAULT '{}',
  max_distance_miles     numeric,
  weekly_hours_target    numeric
);

-- Availability and time off the caregiver tells us about (the Connect API has no availability resource).
CREATE TABLE caregiver_availability (
  id            bigserial PRIMARY KEY,
  caregiver_id  text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('more_hours', 'same', 'less_hours', 'time_off', 'available')),
  starts_at     timestamptz,
  ends_at       timestamptz,
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX caregiver_availability_cg_idx ON caregiver_availability (caregiver_id, created_at DESC);

-- Conversation memory: every message of a person, for recall of their own past conversations only.
CREATE TABLE memory_items (
  id           bigserial PRIMARY KEY,
  person_key   text NOT NULL,                    -- caregiver:<id> | client_contact:<id> | coordinator:<id> | phone:<e164>
  direction    text NOT NULL CHECK (direction IN ('in', 'out')),
  channel      text NOT NULL,
  body         text NOT NULL,
  intent       text,
  created_at   timestamptz NOT NULL,
  search       tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX memory_items_person_idx ON memory_items (person_key, created_at DESC);
CREATE INDEX memory_items_search_idx ON memory_items USING gin (search);
