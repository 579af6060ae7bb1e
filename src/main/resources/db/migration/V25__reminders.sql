-- Reminders (issue 11): scheduled pushes whose audience is computed when they fire.
-- A reminder says what and to whom; each occurrence is one moment it fires, claimed cluster-wide with
-- FOR UPDATE SKIP LOCKED and a lease, and handed to the push outbox keyed reminder:<occurrence id>.

CREATE TABLE reminder (
    id           BIGSERIAL PRIMARY KEY,
    community_id BIGINT        NOT NULL REFERENCES community (id),
    -- POLL_CLOSING (subject = poll), MEETING (subject = meeting), THREAD_CLOCK and THREAD_RATING (subject =
    -- thread), CUSTOM (staff's own, scope + schedule)
    kind         VARCHAR(24)   NOT NULL,
    subject_id   BIGINT,
    title        VARCHAR(200)  NOT NULL,
    body         VARCHAR(1000),
    -- CUSTOM: COMMUNITY, GRIDS, BUILDINGS or UNITS and their ids
    scope_kind   VARCHAR(16),
    scope_ids    BIGINT[]      NOT NULL DEFAULT '{}',
    -- CUSTOM: a 5-field cron expression (recurring) or a single fire_at
    cron         VARCHAR(120),
    fire_at      TIMESTAMPTZ,
    -- POLL_CLOSING / MEETING: minutes before the subject's time, e.g. {1440,120}
    leads        INT[]         NOT NULL DEFAULT '{}',
    urgent       BOOLEAN       NOT NULL DEFAULT FALSE,
    status       VARCHAR(16)   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CANCELLED', 'DONE')),
    created_by   BIGINT,
    created_at   TIMESTAMPTZ   NOT NULL,
    cancelled_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX reminder_subject_idx ON reminder (kind, subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX reminder_community_idx ON reminder (community_id, id);

CREATE TABLE reminder_occurrence (
    id            BIGSERIAL PRIMARY KEY,
    reminder_id   BIGINT        NOT NULL REFERENCES reminder (id),
    due_at        TIMESTAMPTZ   NOT NULL,
    -- the lead (minutes before the subject's time; negative: after it) this occurrence was planned for; null for CUSTOM
    lead_minutes  INT,
    -- THREAD_CLOCK: which clock (ACCEPT or RESOLVE)
    stage         VARCHAR(16),
    status        VARCHAR(16)   NOT NULL DEFAULT 'DUE'
                  CHECK (status IN ('DUE', 'FIRED', 'SKIPPED', 'CANCELLED')),
    claimed_until TIMESTAMPTZ,
    -- fencing token: bumped by every claim; only the holder of the latest claim may record the firing
    claims        INT           NOT NULL DEFAULT 0,
    done_at       TIMESTAMPTZ,
    audience      INT,
    queued        INT,
    digested      INT,
    skip_reason   VARCHAR(200),
    -- the push outbox's source refs it used: reminder:<id>, plus reminder:<id>:<minute> per quiet-hours deferral
    source_refs   VARCHAR(64)[] NOT NULL DEFAULT '{}',
    UNIQUE (reminder_id, due_at)
);
-- (a thread's accept and resolve clocks are told apart by stage; the same instant twice is one occurrence)
CREATE INDEX reminder_occurrence_due_idx ON reminder_occurrence (due_at) WHERE status = 'DUE';

-- A resident's own rules; no row = the defaults (nothing muted, quiet 22:00-07:00, no digest).
CREATE TABLE reminder_setting (
    resident_id BIGINT        PRIMARY KEY REFERENCES resident (id),
    muted       VARCHAR(24)[] NOT NULL DEFAULT '{}',
    quiet_start TIME,
    quiet_end   TIME,
    digest_at   TIME,
    updated_at  TIMESTAMPTZ   NOT NULL
);

-- Non-urgent items held for a resident's daily digest.
CREATE TABLE reminder_digest_item (
    resident_id   BIGINT       NOT NULL REFERENCES resident (id),
    occurrence_id BIGINT       NOT NULL REFERENCES reminder_occurrence (id),
    community_id  BIGINT       NOT NULL,
    title         VARCHAR(200) NOT NULL,
    held_at       TIMESTAMPTZ  NOT NULL,
    -- the digest push that carried it (digest:<resident>:<yyyy-MM-dd>); null while waiting
    sent_ref      VARCHAR(64),
    PRIMARY KEY (resident_id, occurrence_id)
);
CREATE INDEX reminder_digest_waiting_idx ON reminder_digest_item (resident_id) WHERE sent_ref IS NULL;
