-- 说事 lifecycle (issue 9): states, routing, clocks, supporters, comments, ratings, reports and staff alerts.
-- The bot's DRAFT rows were always meant as submitted matters: they become SUBMITTED.

ALTER TABLE consultation_thread DROP CONSTRAINT IF EXISTS consultation_thread_status_check;
UPDATE consultation_thread SET status = 'SUBMITTED' WHERE status = 'DRAFT';
UPDATE consultation_thread SET status = 'ACCEPTED' WHERE status = 'ASSIGNED';
ALTER TABLE consultation_thread ADD CONSTRAINT consultation_thread_status_check CHECK (status IN ('DRAFT',
    'SUBMITTED', 'ACCEPTED', 'REJECTED', 'DELIBERATING', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'));

ALTER TABLE consultation_thread
    ADD COLUMN category          VARCHAR(16)  NOT NULL DEFAULT '其他',
    ADD COLUMN urgency           VARCHAR(8)   NOT NULL DEFAULT 'NORMAL' CHECK (urgency IN ('NORMAL', 'URGENT')),
    ADD COLUMN visibility        VARCHAR(8)   NOT NULL DEFAULT 'PRIVATE' CHECK (visibility IN ('PRIVATE', 'PUBLIC')),
    -- HELD: waits for a staff review before others may see it; HIDDEN: reported often enough to be hidden.
    ADD COLUMN moderation        VARCHAR(8)   NOT NULL DEFAULT 'VISIBLE' CHECK (moderation IN ('VISIBLE', 'HELD', 'HIDDEN', 'REMOVED')),
    ADD COLUMN building_id       BIGINT REFERENCES building (id),
    ADD COLUMN grid_id           BIGINT REFERENCES grid (id),
    -- Whose queue it lands in before anyone accepts (auto-routing), and who owns it after (首接负责).
    ADD COLUMN routed_staff_id   BIGINT REFERENCES staff_account (id),
    ADD COLUMN assignee_staff_id BIGINT REFERENCES staff_account (id),
    ADD COLUMN version           INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN submitted_at      TIMESTAMPTZ,
    ADD COLUMN accepted_at       TIMESTAMPTZ,
    ADD COLUMN resolved_at       TIMESTAMPTZ,
    ADD COLUMN closed_at         TIMESTAMPTZ,
    ADD COLUMN accept_due_at     TIMESTAMPTZ,
    ADD COLUMN resolve_due_at    TIMESTAMPTZ,
    -- When the current handling round started (acceptance, or a reopen): the resolve clock runs from here.
    ADD COLUMN round_started_at  TIMESTAMPTZ,
    ADD COLUMN complexity        VARCHAR(8)   CHECK (complexity IN ('NORMAL', 'COMPLEX')),
    ADD COLUMN result_text       VARCHAR(2000),
    ADD COLUMN reject_reason     VARCHAR(500),
    ADD COLUMN escalated_at      TIMESTAMPTZ,
    ADD COLUMN merged_into_id    BIGINT REFERENCES consultation_thread (id),
    ADD COLUMN reopen_count      INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN poll_id           BIGINT,
    ADD COLUMN support_count     INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN report_count      INTEGER      NOT NULL DEFAULT 0,
    -- Space-separated segmented words of the description, for duplicate detection.
    ADD COLUMN terms             TEXT;

UPDATE consultation_thread SET submitted_at = created_at WHERE status <> 'DRAFT';
UPDATE consultation_thread SET accept_due_at = created_at + INTERVAL '24 hours' WHERE status = 'SUBMITTED';

CREATE INDEX consultation_thread_queue_idx ON consultation_thread (community_id, created_at DESC, id DESC);
CREATE INDEX consultation_thread_open_idx ON consultation_thread (community_id, status)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'DELIBERATING', 'IN_PROGRESS');

-- Up to 9 photos per thread; the bot's single photo moves here. source_thread_id: carried over by a merge.
CREATE TABLE thread_photo (
    id               BIGSERIAL PRIMARY KEY,
    thread_id        BIGINT        NOT NULL REFERENCES consultation_thread (id),
    media_id         VARCHAR(128),
    url              VARCHAR(1024),
    purpose          VARCHAR(8)    NOT NULL DEFAULT 'RAISE' CHECK (purpose IN ('RAISE', 'RESULT')),
    source_thread_id BIGINT REFERENCES consultation_thread (id),
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (media_id IS NOT NULL OR url IS NOT NULL)
);
CREATE INDEX thread_photo_thread_idx ON thread_photo (thread_id);
INSERT INTO thread_photo (thread_id, media_id, url, created_at)
    SELECT id, photo_media_id, photo_url, created_at FROM consultation_thread
    WHERE photo_media_id IS NOT NULL OR photo_url IS NOT NULL;
ALTER TABLE consultation_thread DROP COLUMN photo_media_id, DROP COLUMN photo_url;

-- The timeline: who (kind, id, role, display name at the time), what (kind, from → to), note; internal = staff only.
ALTER TABLE thread_event
    ADD COLUMN actor_role   VARCHAR(20),
    ADD COLUMN actor_name   VARCHAR(64),
    ADD COLUMN from_status  VARCHAR(16),
    ADD COLUMN to_status    VARCHAR(16),
    ADD COLUMN internal     BOOLEAN NOT NULL DEFAULT FALSE;

CREATE FUNCTION thread_event_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'thread_event rows are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER thread_event_no_change BEFORE UPDATE OR DELETE ON thread_event
    FOR EACH ROW EXECUTE FUNCTION thread_event_immutable();

-- 附议: one per resident; withdrawing deletes the row (the timeline keeps the history).
CREATE TABLE thread_support (
    thread_id    BIGINT      NOT NULL REFERENCES consultation_thread (id),
    resident_id  BIGINT      NOT NULL REFERENCES resident (id),
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (thread_id, resident_id)
);
CREATE INDEX thread_support_resident_idx ON thread_support (resident_id);

-- Comments one level deep; every edit keeps the earlier text in thread_comment_version.
CREATE TABLE thread_comment (
    id               BIGSERIAL PRIMARY KEY,
    thread_id        BIGINT        NOT NULL REFERENCES consultation_thread (id),
    author_kind      VARCHAR(8)    NOT NULL CHECK (author_kind IN ('RESIDENT', 'STAFF')),
    author_id        BIGINT        NOT NULL,
    body             VARCHAR(1000) NOT NULL,
    moderation       VARCHAR(8)    NOT NULL DEFAULT 'VISIBLE' CHECK (moderation IN ('VISIBLE', 'HELD', 'HIDDEN', 'REMOVED')),
    report_count     INTEGER       NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ   NOT NULL,
    edited_at        TIMESTAMPTZ,
    deleted_at       TIMESTAMPTZ
);
CREATE INDEX thread_comment_thread_idx ON thread_comment (thread_id, id);
CREATE TABLE thread_comment_version (
    id          BIGSERIAL PRIMARY KEY,
    comment_id  BIGINT        NOT NULL REFERENCES thread_comment (id),
    body        VARCHAR(1000) NOT NULL,
    replaced_at TIMESTAMPTZ   NOT NULL
);

-- Ratings 1–5 by the raiser and supporters, one per handling round (a reopen starts round reopen_count).
CREATE TABLE thread_rating (
    thread_id    BIGINT      NOT NULL REFERENCES consultation_thread (id),
    resident_id  BIGINT      NOT NULL REFERENCES resident (id),
    round        INTEGER     NOT NULL,
    score        SMALLINT    NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      VARCHAR(500),
    raiser       BOOLEAN     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (thread_id, resident_id, round)
);

-- Reports by residents of a thread or comment; one per resident and target.
CREATE TABLE thread_report (
    id           BIGSERIAL PRIMARY KEY,
    thread_id    BIGINT      NOT NULL REFERENCES consultation_thread (id),
    comment_id   BIGINT REFERENCES thread_comment (id),
    resident_id  BIGINT      NOT NULL REFERENCES resident (id),
    reason       VARCHAR(200),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX thread_report_once_idx ON thread_report (thread_id, COALESCE(comment_id, 0), resident_id);

-- Staff moderation decisions (audit).
CREATE TABLE thread_moderation (
    id          BIGSERIAL PRIMARY KEY,
    thread_id   BIGINT      NOT NULL REFERENCES consultation_thread (id),
    comment_id  BIGINT REFERENCES thread_comment (id),
    staff_id    BIGINT REFERENCES staff_account (id),
    action      VARCHAR(16) NOT NULL,
    reason      VARCHAR(500),
    created_at  TIMESTAMPTZ NOT NULL
);

-- Staff have no WeChat identity the push engine can address: assignments and @-mentions land here.
CREATE TABLE thread_staff_alert (
    id          BIGSERIAL PRIMARY KEY,
    staff_id    BIGINT      NOT NULL REFERENCES staff_account (id),
    thread_id   BIGINT      NOT NULL REFERENCES consultation_thread (id),
    kind        VARCHAR(16) NOT NULL,
    note        VARCHAR(200),
    created_at  TIMESTAMPTZ NOT NULL,
    seen_at     TIMESTAMPTZ
);
CREATE INDEX thread_staff_alert_staff_idx ON thread_staff_alert (staff_id, id DESC);
