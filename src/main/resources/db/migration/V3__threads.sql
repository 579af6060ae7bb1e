-- 说事 threads: one row per matter a resident raises, plus a timeline of what happened to it.
-- Only DRAFT is written today; the other statuses are the lifecycle that comes next
-- (SUBMITTED → ACCEPTED → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED, or REJECTED).

CREATE TABLE consultation_thread (
    id              BIGSERIAL PRIMARY KEY,
    community_id    BIGINT        NOT NULL REFERENCES community (id),
    -- Human-quotable, e.g. SS-20261129-0042: the community-time day plus a per-day sequence (thread_ref_counter).
    ref_no          VARCHAR(24)   NOT NULL UNIQUE,
    resident_id     BIGINT        NOT NULL REFERENCES resident (id),
    household_id    BIGINT,
    description     VARCHAR(1000) NOT NULL CHECK (length(btrim(description)) > 0),
    location_text   VARCHAR(200),
    latitude        DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude       DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    photo_media_id  VARCHAR(128),
    photo_url       VARCHAR(1024),
    status          VARCHAR(16)   NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'ACCEPTED',
                        'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED')),
    source          VARCHAR(8)    NOT NULL CHECK (source IN ('CHAT', 'MINI')),
    -- Idempotency key of the submitting client (the bot's conversation id): a repeated 确认 finds the same row.
    submission_key  VARCHAR(64)   UNIQUE,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    FOREIGN KEY (household_id, community_id) REFERENCES household (id, community_id)
);
CREATE INDEX consultation_thread_community_idx ON consultation_thread (community_id, status, created_at);
CREATE INDEX consultation_thread_resident_idx ON consultation_thread (resident_id, created_at DESC);

-- One counter row per community-time day; the upsert that bumps it serialises concurrent drafts of that day.
CREATE TABLE thread_ref_counter (
    day         DATE    PRIMARY KEY,
    last_value  INTEGER NOT NULL
);

-- The timeline of a thread. actor_kind/actor_id say who acted (a resident, a staff member, or the system).
CREATE TABLE thread_event (
    id          BIGSERIAL PRIMARY KEY,
    thread_id   BIGINT        NOT NULL REFERENCES consultation_thread (id),
    at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    kind        VARCHAR(24)   NOT NULL,
    actor_kind  VARCHAR(16)   NOT NULL CHECK (actor_kind IN ('RESIDENT', 'STAFF', 'SYSTEM')),
    actor_id    BIGINT,
    note        VARCHAR(1000)
);
CREATE INDEX thread_event_thread_idx ON thread_event (thread_id, at);
