-- Notices (通知公告): what staff publish to a part of the community, its edit history, who it reached, who read it.
-- A notice's audience is frozen at publication as a list of households (notice_household); the residents are
-- whoever holds a VERIFIED membership in one of them at the time of reading or pushing.

CREATE TABLE notice (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT       NOT NULL REFERENCES community (id),
    version       INT          NOT NULL DEFAULT 1 CHECK (version >= 1),
    title         VARCHAR(64)  NOT NULL,
    body          TEXT         NOT NULL CHECK (char_length(body) <= 20000),
    body_format   VARCHAR(16)  NOT NULL CHECK (body_format IN ('PLAIN', 'MARKDOWN')),
    category      VARCHAR(24)  NOT NULL
                  CHECK (category IN ('UTILITIES', 'EVENT', 'POLICY', 'SAFETY', 'DELIBERATION_RESULT', 'OTHER')),
    priority      VARCHAR(8)   NOT NULL CHECK (priority IN ('NORMAL', 'URGENT')),
    requires_ack  BOOLEAN      NOT NULL DEFAULT FALSE,
    -- JSON array of {type: WECHAT_MEDIA|URL, ref, name}; validated by the application.
    attachments   TEXT         NOT NULL DEFAULT '[]',
    scope_kind    VARCHAR(16)  NOT NULL CHECK (scope_kind IN ('COMMUNITY', 'GRIDS', 'BUILDINGS', 'UNITS', 'HOUSEHOLDS')),
    publish_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ,
    created_by    BIGINT       NOT NULL REFERENCES staff_account (id),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_by    BIGINT REFERENCES staff_account (id),
    updated_at    TIMESTAMPTZ,
    withdrawn_by  BIGINT REFERENCES staff_account (id),
    withdrawn_at  TIMESTAMPTZ,
    UNIQUE (id, community_id),
    CHECK (expires_at IS NULL OR expires_at > publish_at),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX notice_community_idx ON notice (community_id, publish_at DESC, id DESC);

-- Every version of a notice, the current one included: version 1 at publication, one row per edit.
CREATE TABLE notice_version (
    id            BIGSERIAL PRIMARY KEY,
    notice_id     BIGINT       NOT NULL REFERENCES notice (id),
    version       INT          NOT NULL,
    title         VARCHAR(64)  NOT NULL,
    body          TEXT         NOT NULL,
    body_format   VARCHAR(16)  NOT NULL,
    category      VARCHAR(24)  NOT NULL,
    priority      VARCHAR(8)   NOT NULL,
    requires_ack  BOOLEAN      NOT NULL,
    attachments   TEXT         NOT NULL,
    expires_at    TIMESTAMPTZ,
    edited_by     BIGINT       NOT NULL REFERENCES staff_account (id),
    edited_at     TIMESTAMPTZ  NOT NULL,
    UNIQUE (notice_id, version)
);

-- The grids, buildings, units or households the staff member chose (none for COMMUNITY), as chosen.
CREATE TABLE notice_target (
    notice_id  BIGINT NOT NULL REFERENCES notice (id),
    target_id  BIGINT NOT NULL,
    PRIMARY KEY (notice_id, target_id)
);

-- The households the choice resolved to at publication; the composite keys keep them in the notice's community.
CREATE TABLE notice_household (
    notice_id     BIGINT NOT NULL,
    household_id  BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    PRIMARY KEY (notice_id, household_id),
    FOREIGN KEY (notice_id, community_id) REFERENCES notice (id, community_id),
    FOREIGN KEY (household_id, community_id) REFERENCES household (id, community_id)
);
CREATE INDEX notice_household_household_idx ON notice_household (household_id, notice_id);

-- Read receipts: one row per resident and notice; the first read time is kept, acknowledgement is set once.
CREATE TABLE notice_read (
    notice_id      BIGINT      NOT NULL REFERENCES notice (id),
    resident_id    BIGINT      NOT NULL REFERENCES resident (id),
    first_read_at  TIMESTAMPTZ NOT NULL,
    acked_at       TIMESTAMPTZ,
    PRIMARY KEY (notice_id, resident_id)
);
CREATE INDEX notice_read_resident_idx ON notice_read (resident_id);

-- What was handed to the push outbox for each notice (publication, and each edit with renotify).
CREATE TABLE notice_push (
    id           BIGSERIAL PRIMARY KEY,
    notice_id    BIGINT      NOT NULL REFERENCES notice (id),
    version      INT         NOT NULL,
    source_ref   VARCHAR(64) NOT NULL UNIQUE,
    recipients   INT         NOT NULL,
    queued       INT         NOT NULL,
    not_before   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notice_push_notice_idx ON notice_push (notice_id);
