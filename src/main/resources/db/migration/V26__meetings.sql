-- Meetings (议事会 / 居民会议), owned by org.linli.meeting.
CREATE TABLE meeting (
    id                 BIGSERIAL PRIMARY KEY,
    community_id       BIGINT       NOT NULL REFERENCES community (id),
    title              VARCHAR(64)  NOT NULL,
    place              VARCHAR(128) NOT NULL,
    agenda             TEXT,
    starts_at          TIMESTAMPTZ  NOT NULL,
    ends_at            TIMESTAMPTZ,
    -- COMMUNITY, GRIDS, BUILDINGS, UNITS, HOUSEHOLDS (a scope like notices) or RESIDENTS (an explicit list)
    scope_kind         VARCHAR(16)  NOT NULL CHECK (scope_kind IN ('COMMUNITY', 'GRIDS', 'BUILDINGS', 'UNITS',
                                                                   'HOUSEHOLDS', 'RESIDENTS')),
    poll_id            BIGINT,
    thread_id          BIGINT,
    minutes_notice_id  BIGINT,
    created_by         BIGINT       NOT NULL REFERENCES staff_account (id),
    created_at         TIMESTAMPTZ  NOT NULL,
    cancelled_by       BIGINT REFERENCES staff_account (id),
    cancelled_at       TIMESTAMPTZ,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX meeting_community_starts_idx ON meeting (community_id, starts_at);
CREATE INDEX meeting_upcoming_idx ON meeting (starts_at) WHERE cancelled_at IS NULL;

-- Where the meeting's audience lies, for staff reach: the chosen grids/buildings/units/households, or the
-- households of an explicit invitee list. building_id is null for grids.
CREATE TABLE meeting_target (
    meeting_id   BIGINT NOT NULL REFERENCES meeting (id),
    target_id    BIGINT NOT NULL,
    building_id  BIGINT,
    grid_id      BIGINT,
    PRIMARY KEY (meeting_id, target_id)
);

-- Invitees frozen at creation (invited = true) and walk-ins who checked in without an invitation (invited = false).
CREATE TABLE meeting_invitee (
    meeting_id      BIGINT      NOT NULL REFERENCES meeting (id),
    resident_id     BIGINT      NOT NULL REFERENCES resident (id),
    household_id    BIGINT,
    invited         BOOLEAN     NOT NULL,
    rsvp            VARCHAR(8) CHECK (rsvp IN ('YES', 'NO', 'MAYBE')),
    rsvp_at         TIMESTAMPTZ,
    checked_in_at   TIMESTAMPTZ,
    -- null: by scanning the meeting's QR code; else the staff member who checked the resident in by hand
    checked_in_by   BIGINT REFERENCES staff_account (id),
    PRIMARY KEY (meeting_id, resident_id)
);
CREATE INDEX meeting_invitee_resident_idx ON meeting_invitee (resident_id);
