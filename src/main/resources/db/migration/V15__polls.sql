-- Polls (议事表决): the poll and its settings, the electorate frozen at opening, ballots with their hash-chained
-- events, conflicts between channels, and the secret-ballot tables that cannot be joined to voters.

CREATE TABLE poll (
    id                  BIGSERIAL PRIMARY KEY,
    community_id        BIGINT       NOT NULL REFERENCES community (id),
    title               VARCHAR(64)  NOT NULL,
    background          TEXT         NOT NULL DEFAULT '' CHECK (char_length(background) <= 20000),
    -- A 说事 thread this poll came from; a plain reference, the thread feature owns its table.
    thread_id           BIGINT,
    scope_kind          VARCHAR(16)  NOT NULL CHECK (scope_kind IN ('COMMUNITY', 'GRIDS', 'BUILDINGS', 'UNITS')),
    -- JSON array of questions {kind, text, options, min, max, seats}; checked by the application.
    questions           TEXT         NOT NULL,
    preset              VARCHAR(20)  NOT NULL
                        CHECK (preset IN ('PER_RESIDENT', 'PER_HOUSEHOLD', 'OWNERS_ORDINARY', 'OWNERS_MAJOR', 'CUSTOM')),
    -- JSON {base, quorum, pass} for CUSTOM, the resolved rule for the others (written at announcement).
    rule                TEXT,
    results_visibility  VARCHAR(12)  NOT NULL CHECK (results_visibility IN ('LIVE', 'AFTER_VOTE', 'AFTER_CLOSE')),
    secret              BOOLEAN      NOT NULL,
    allow_change        BOOLEAN      NOT NULL,
    conflict_rule       VARCHAR(12)  NOT NULL CHECK (conflict_rule IN ('EARLIER', 'PAPER', 'ONLINE')),
    notice_days         INT          NOT NULL CHECK (notice_days >= 0),
    notice_waiver       VARCHAR(500),
    publicity_days      INT          NOT NULL CHECK (publicity_days >= 1),
    status              VARCHAR(12)  NOT NULL
                        CHECK (status IN ('DRAFT', 'ANNOUNCED', 'OPEN', 'CLOSED', 'PUBLISHED', 'ARCHIVED')),
    open_at             TIMESTAMPTZ  NOT NULL,
    close_at            TIMESTAMPTZ  NOT NULL,
    announced_at        TIMESTAMPTZ,
    opened_at           TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    published_at        TIMESTAMPTZ,
    archived_at         TIMESTAMPTZ,
    first_ballot_at     TIMESTAMPTZ,
    reopen_count        INT          NOT NULL DEFAULT 0,
    outcome_statement   TEXT         CHECK (char_length(outcome_statement) <= 5000),
    -- The result as computed at close from PostgreSQL (JSON), with the chain head and event count it covers.
    result              TEXT,
    result_chain_head   CHAR(64),
    result_chain_count  BIGINT,
    choices_digest      CHAR(64),
    -- Per-poll random salt: public exports name units by sha256(salt || ':' || unit_key), not by address.
    salt                VARCHAR(32)  NOT NULL,
    created_by          BIGINT       NOT NULL REFERENCES staff_account (id),
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    UNIQUE (id, community_id),
    CHECK (close_at > open_at),
    CHECK (NOT secret OR NOT allow_change)
);
CREATE INDEX poll_community_idx ON poll (community_id, id DESC);
CREATE INDEX poll_due_idx ON poll (status, open_at, close_at) WHERE status IN ('ANNOUNCED', 'OPEN', 'PUBLISHED');

-- The grids, buildings or units chosen (none for COMMUNITY), each with its building and grid for reach checks.
CREATE TABLE poll_target (
    poll_id      BIGINT NOT NULL REFERENCES poll (id),
    target_id    BIGINT NOT NULL,
    building_id  BIGINT,
    grid_id      BIGINT,
    PRIMARY KEY (poll_id, target_id)
);

-- Audit trail of the poll: state changes, early close, extension, notice waiver, late voters, outcome.
CREATE TABLE poll_event (
    id        BIGSERIAL PRIMARY KEY,
    poll_id   BIGINT       NOT NULL REFERENCES poll (id),
    at        TIMESTAMPTZ  NOT NULL,
    kind      VARCHAR(24)  NOT NULL,
    staff_id  BIGINT REFERENCES staff_account (id),
    reason    VARCHAR(500),
    detail    TEXT
);
CREATE INDEX poll_event_poll_idx ON poll_event (poll_id, id);

-- The electorate, frozen at opening: one row per unit that casts one ballot (a resident, a household, or an
-- owner head per 司法解释 art. 9), with its total exclusive area and where the area came from.
CREATE TABLE poll_elector (
    poll_id       BIGINT         NOT NULL,
    unit_key      VARCHAR(40)    NOT NULL,
    community_id  BIGINT         NOT NULL,
    head_kind     VARCHAR(16)    NOT NULL
                  CHECK (head_kind IN ('RESIDENT', 'HOUSEHOLD', 'OWNER', 'DEVELOPER', 'UNREGISTERED')),
    label         VARCHAR(200)   NOT NULL,
    area          NUMERIC(14, 2) NOT NULL CHECK (area >= 0),
    area_sources  VARCHAR(40)    NOT NULL,
    late_reason   VARCHAR(500),
    added_by      BIGINT REFERENCES staff_account (id),
    added_at      TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (poll_id, unit_key),
    FOREIGN KEY (poll_id, community_id) REFERENCES poll (id, community_id)
);

-- The households behind each unit (several for an owner of several flats), for turnout by building.
CREATE TABLE poll_elector_household (
    poll_id       BIGINT         NOT NULL,
    unit_key      VARCHAR(40)    NOT NULL,
    household_id  BIGINT         NOT NULL,
    building_id   BIGINT         NOT NULL,
    address       VARCHAR(120)   NOT NULL,
    area          NUMERIC(9, 2)  NOT NULL,
    area_source   VARCHAR(16)    NOT NULL,
    PRIMARY KEY (poll_id, unit_key, household_id),
    FOREIGN KEY (poll_id, unit_key) REFERENCES poll_elector (poll_id, unit_key)
);
CREATE INDEX poll_elector_household_building_idx ON poll_elector_household (poll_id, building_id);

-- Who may cast each unit's ballot online; representative marks a household's named 户代表.
CREATE TABLE poll_elector_voter (
    poll_id         BIGINT      NOT NULL,
    unit_key        VARCHAR(40) NOT NULL,
    resident_id     BIGINT      NOT NULL REFERENCES resident (id),
    representative  BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (poll_id, unit_key, resident_id),
    FOREIGN KEY (poll_id, unit_key) REFERENCES poll_elector (poll_id, unit_key)
);
CREATE INDEX poll_elector_voter_resident_idx ON poll_elector_voter (resident_id, poll_id);

-- The ballot that counts for a unit: one row per unit across all channels (the primary key), written with
-- INSERT ... ON CONFLICT. For secret polls answers is NULL: the choice lives in poll_secret_choice.
CREATE TABLE poll_ballot (
    poll_id         BIGINT       NOT NULL,
    unit_key        VARCHAR(40)  NOT NULL,
    channel         VARCHAR(8)   NOT NULL CHECK (channel IN ('ONLINE', 'PAPER', 'DOOR', 'PROXY')),
    voter_id        BIGINT REFERENCES resident (id),
    representative  BOOLEAN      NOT NULL DEFAULT FALSE,
    answers         TEXT,
    cast_at         TIMESTAMPTZ  NOT NULL,
    entered_by      BIGINT REFERENCES staff_account (id),
    photo_media_id  VARCHAR(200),
    proxy_holder    VARCHAR(64),
    revision        INT          NOT NULL DEFAULT 1,
    PRIMARY KEY (poll_id, unit_key),
    FOREIGN KEY (poll_id, unit_key) REFERENCES poll_elector (poll_id, unit_key)
);

-- Every ballot event, hash-chained per poll: hash = sha256(prev_hash || '\n' || content).
CREATE TABLE poll_chain (
    poll_id    BIGINT   PRIMARY KEY REFERENCES poll (id),
    accepting  BOOLEAN  NOT NULL DEFAULT FALSE,
    seq        BIGINT   NOT NULL DEFAULT 0,
    prev       CHAR(64) NOT NULL DEFAULT repeat('0', 64),
    head       CHAR(64) NOT NULL DEFAULT repeat('0', 64)
);
CREATE TABLE poll_ballot_event (
    poll_id    BIGINT       NOT NULL REFERENCES poll (id),
    seq        BIGINT       NOT NULL,
    kind       VARCHAR(12)  NOT NULL CHECK (kind IN ('CAST', 'CHANGE', 'CONFLICT', 'DISPLACED')),
    content    TEXT         NOT NULL,
    prev_hash  CHAR(64)     NOT NULL,
    hash       CHAR(64)     NOT NULL,
    PRIMARY KEY (poll_id, seq)
);

-- A second ballot for a unit from another channel: kept, listed for staff, not counted (or displaced the first).
CREATE TABLE poll_conflict (
    id                BIGSERIAL PRIMARY KEY,
    poll_id           BIGINT       NOT NULL REFERENCES poll (id),
    unit_key          VARCHAR(40)  NOT NULL,
    counted_channel   VARCHAR(8)   NOT NULL,
    set_aside_channel VARCHAR(8)   NOT NULL,
    set_aside_cast_at TIMESTAMPTZ  NOT NULL,
    set_aside_by      BIGINT,
    set_aside_answers TEXT,
    rule              VARCHAR(12)  NOT NULL,
    at                TIMESTAMPTZ  NOT NULL
);
CREATE INDEX poll_conflict_poll_idx ON poll_conflict (poll_id, id);

-- Secret ballots: the choice with its receipt and nothing else: no unit, no voter, no time, no sequence.
CREATE TABLE poll_secret_choice (
    poll_id  BIGINT      NOT NULL REFERENCES poll (id),
    receipt  VARCHAR(16) NOT NULL,
    answers  TEXT        NOT NULL,
    PRIMARY KEY (poll_id, receipt)
);
-- Running totals per option of secret polls (heads and area), so no choice row needs to carry an area.
CREATE TABLE poll_secret_total (
    poll_id   BIGINT         NOT NULL REFERENCES poll (id),
    question  INT            NOT NULL,
    option    INT            NOT NULL,
    heads     BIGINT         NOT NULL DEFAULT 0,
    area      NUMERIC(16, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, question, option)
);
