-- Shift-fill campaigns (issue #4): one row per open shift occurrence being filled, its ranked candidates,
-- the offers sent, and the WellSky writes that must happen exactly once.

CREATE TABLE fill_campaigns (
  id                      bigserial PRIMARY KEY,
  shift_key               text NOT NULL,             -- `${appointmentId}_${YYYYMMDD}` (lib/ids.ts)
  appointment_id          text NOT NULL,
  client_id               text NOT NULL,
  shift_start             timestamptz NOT NULL,
  shift_end               timestamptz NOT NULL,
  source                  text NOT NULL CHECK (source IN ('call_off', 'coordinator', 'unassigned_scan')),
  original_caregiver_id   text,
  status                  text NOT NULL CHECK (status IN ('open', 'filled', 'escalated', 'cancelled', 'unfilled')),
  wave                    int NOT NULL DEFAULT 0,
  escalation_level        int NOT NULL DEFAULT 0,    -- 0 none, 1 coordinator, 2 backup, 3 supervisor
  winner_caregiver_id     text,
  winner_offer_id         bigint,
  assignment_status       text CHECK (assignment_status IN ('pending', 'written', 'failed')),
  created_at              timestamptz NOT NULL,
  filled_at               timestamptz,
  closed_at               timestamptz,
  created_by              text NOT NULL
);
-- At most one live campaign per shift occurrence.
CREATE UNIQUE INDEX fill_campaigns_live_shift_idx ON fill_campaigns (shift_key) WHERE status IN ('open', 'escalated');
CREATE INDEX fill_campaigns_status_idx ON fill_campaigns (status, created_at DESC);

CREATE TABLE fill_candidates (
  campaign_id    bigint NOT NULL REFERENCES fill_campaigns (id),
  caregiver_id   text NOT NULL,
  rank           int NOT NULL,
  tier           int NOT NULL CHECK (tier BETWEEN 1 AND 3),
  score          numeric NOT NULL,
  overtime       boolean NOT NULL DEFAULT false,
  distance_miles numeric,
  breakdown      jsonb NOT NULL,                    -- every rule and its points: explainable ranking
  PRIMARY KEY (campaign_id, caregiver_id)
);

-- A message that offers one or more shifts (multi-shift bundles carry up to 3) to one caregiver.
CREATE TABLE offer_messages (
  id                  bigserial PRIMARY KEY,
  caregiver_id        text NOT NULL,
  phone               text NOT NULL,
  language            text NOT NULL,
  sent_at             timestamptz NOT NULL,
  outbound_message_id bigint REFERENCES outbound_messages (id),
  question_id         bigint REFERENCES open_questions (id)
);

CREATE TABLE offers (
  id                 bigserial PRIMARY KEY,
  campaign_id        bigint NOT NULL REFERENCES fill_campaigns (id),
  caregiver_id       text NOT NULL,
  offer_message_id   bigint NOT NULL REFERENCES offer_messages (id),
  option_number      int NOT NULL DEFAULT 1,        -- position in a bundle ("Reply 1 and 3")
  wave               int NOT NULL,
  status             text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'question', 'countered', 'lost', 'withdrawn')),
  sent_at            timestamptz NOT NULL,
  responded_at       timestamptz,
  response           jsonb,                         -- intent, counter range; the text stays in inbound_messages
  UNIQUE (campaign_id, caregiver_id)
);
CREATE INDEX offers_caregiver_idx ON offers (caregiver_id, status);

-- What each caregiver has done with offers, for the learned ranking adjustment ("Caregiver DNA").
CREATE TABLE caregiver_offer_stats (
  caregiver_id        text PRIMARY KEY,
  offers_received     int NOT NULL DEFAULT 0,
  offers_responded    int NOT NULL DEFAULT 0,
  offers_accepted     int NOT NULL DEFAULT 0,
  shifts_worked       int NOT NULL DEFAULT 0,
  shifts_no_show      int NOT NULL DEFAULT 0,
  last_accepted_at    timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
