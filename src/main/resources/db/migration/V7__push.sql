-- Push outbox. A feature writes one push_message per cause (source_ref) and one push_delivery per resident in the
-- same transaction as its own change; workers claim due deliveries (FOR UPDATE SKIP LOCKED + lease), send them
-- through WeChat channels and log every call in push_attempt.

CREATE TABLE push_message (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT        NOT NULL REFERENCES community (id),
    -- Stable id of the cause, e.g. notice:42:v1. With the resident it is the idempotency key of a delivery.
    source_ref    VARCHAR(128)  NOT NULL UNIQUE,
    kind          VARCHAR(32)   NOT NULL,
    urgent        BOOLEAN       NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    summary       VARCHAR(1000),
    page          VARCHAR(512),
    fields        JSONB         NOT NULL DEFAULT '{}',
    not_before    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX push_message_community_idx ON push_message (community_id, created_at);

-- One row per (message, resident). Workers own a row while claimed_until is in the future; claiming also moves
-- next_attempt_at to the lease end, so rows of a crashed worker become due again by themselves.
CREATE TABLE push_delivery (
    id               BIGSERIAL PRIMARY KEY,
    message_id       BIGINT       NOT NULL REFERENCES push_message (id),
    community_id     BIGINT       NOT NULL,
    resident_id      BIGINT       NOT NULL REFERENCES resident (id),
    status           VARCHAR(8)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'IN_APP', 'DEAD')),
    -- The channel that delivered (SENT, IN_APP) or was tried last (PENDING, DEAD).
    channel          VARCHAR(16)  CHECK (channel IN ('MINI_SUBSCRIBE', 'MP_TEMPLATE', 'MP_KEFU', 'IN_APP')),
    -- Index into linli.push.channels of the first channel still worth trying (earlier ones were closed).
    channel_floor    SMALLINT     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    claimed_until    TIMESTAMPTZ,
    claimed_by       VARCHAR(64),
    -- Fencing token: bumped by every claim; an outcome is recorded only by the claim that is still current.
    claims           INT          NOT NULL DEFAULT 0,
    -- Retryable failures so far (-1, timeouts, token errors): drives backoff and the dead-letter limit.
    failures         INT          NOT NULL DEFAULT 0,
    last_errcode     INT,
    last_error       VARCHAR(200),
    wx_msg_id        VARCHAR(32),
    done_at          TIMESTAMPTZ,
    seen_at          TIMESTAMPTZ,
    redriven_by      BIGINT REFERENCES staff_account (id),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (message_id, resident_id)
);
CREATE INDEX push_delivery_due_idx ON push_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX push_delivery_dead_idx ON push_delivery (community_id, id) WHERE status = 'DEAD';
CREATE INDEX push_delivery_inbox_idx ON push_delivery (resident_id, id) WHERE status = 'IN_APP';

-- Every call made to WeChat (and every in-app fallback), for staff and for figures.
CREATE TABLE push_attempt (
    id            BIGSERIAL PRIMARY KEY,
    delivery_id   BIGINT       NOT NULL REFERENCES push_delivery (id),
    channel       VARCHAR(16)  NOT NULL,
    verdict       VARCHAR(8)   NOT NULL CHECK (verdict IN ('SENT', 'RETRY', 'QUOTA', 'CLOSED', 'FAILED')),
    errcode       INT,
    attempted_at  TIMESTAMPTZ  NOT NULL,
    duration_ms   INT          NOT NULL,
    worker        VARCHAR(64)  NOT NULL
);
CREATE INDEX push_attempt_delivery_idx ON push_attempt (delivery_id);

-- One-time subscribe-message consents a resident granted in the Mini-Program (wx.requestSubscribeMessage):
-- each successful send uses one.
CREATE TABLE push_consent (
    resident_id   BIGINT       NOT NULL REFERENCES resident (id),
    template_id   VARCHAR(64)  NOT NULL,
    remaining     INT          NOT NULL CHECK (remaining >= 0),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (resident_id, template_id)
);
