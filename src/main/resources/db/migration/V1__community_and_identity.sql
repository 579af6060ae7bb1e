-- Community structure: 社区 → 网格 → 楼栋 → 单元 → 户, residents and their memberships, staff and roles.
-- Every row that belongs to a community carries community_id so that queries are always scoped.

CREATE TABLE community (
    id          BIGSERIAL PRIMARY KEY,
    code        VARCHAR(32)  NOT NULL UNIQUE,
    name        VARCHAR(100) NOT NULL,
    kind        VARCHAR(16)  NOT NULL DEFAULT 'URBAN' CHECK (kind IN ('URBAN', 'RURAL')),
    time_zone   VARCHAR(40)  NOT NULL DEFAULT 'Asia/Shanghai',
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE staff_account (
    id             BIGSERIAL PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL UNIQUE,
    display_name   VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE grid (
    id               BIGSERIAL PRIMARY KEY,
    community_id     BIGINT      NOT NULL REFERENCES community (id),
    name             VARCHAR(64) NOT NULL,
    worker_staff_id  BIGINT REFERENCES staff_account (id),
    UNIQUE (community_id, name),
    UNIQUE (id, community_id)
);

CREATE TABLE building (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT      NOT NULL REFERENCES community (id),
    grid_id       BIGINT,
    name          VARCHAR(32) NOT NULL,
    UNIQUE (community_id, name),
    UNIQUE (id, community_id),
    FOREIGN KEY (grid_id, community_id) REFERENCES grid (id, community_id)
);

CREATE TABLE building_unit (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT      NOT NULL,
    building_id   BIGINT      NOT NULL,
    name          VARCHAR(32) NOT NULL,
    UNIQUE (building_id, name),
    UNIQUE (id, community_id),
    FOREIGN KEY (building_id, community_id) REFERENCES building (id, community_id)
);

-- area_source follows 建筑物区分所有权司法解释 art. 8: register, else survey, else sale contract.
CREATE TABLE household (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT        NOT NULL,
    unit_id       BIGINT        NOT NULL,
    room          VARCHAR(16)   NOT NULL,
    floor_area    NUMERIC(9, 2) NOT NULL CHECK (floor_area > 0 AND floor_area < 100000),
    area_source   VARCHAR(16)   NOT NULL CHECK (area_source IN ('REGISTRY', 'SURVEY', 'CONTRACT')),
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (unit_id, room),
    UNIQUE (id, community_id),
    FOREIGN KEY (unit_id, community_id) REFERENCES building_unit (id, community_id)
);

-- A resident is a person. community_id is null until the person is bound to a household.
-- Phones are kept masked for display plus a keyed hash for matching roster owners; never in clear.
CREATE TABLE resident (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT REFERENCES community (id),
    display_name   VARCHAR(64),
    phone_masked   VARCHAR(16),
    phone_hash     VARCHAR(64),
    mp_openid      VARCHAR(64) UNIQUE,
    mini_openid    VARCHAR(64) UNIQUE,
    unionid        VARCHAR(64) UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX resident_phone_idx ON resident (community_id, phone_hash);

CREATE TABLE membership (
    id                 BIGSERIAL PRIMARY KEY,
    community_id       BIGINT      NOT NULL,
    household_id       BIGINT      NOT NULL,
    resident_id        BIGINT      NOT NULL REFERENCES resident (id),
    role               VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'CO_OWNER', 'TENANT', 'FAMILY')),
    status             VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'VERIFIED', 'REJECTED', 'REVOKED')),
    source             VARCHAR(16) NOT NULL CHECK (source IN ('ROSTER', 'INVITE', 'STAFF')),
    verified_by        BIGINT REFERENCES staff_account (id),
    verified_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (household_id, community_id) REFERENCES household (id, community_id)
);
CREATE UNIQUE INDEX membership_live_idx ON membership (household_id, resident_id) WHERE status IN ('PENDING', 'VERIFIED');
CREATE INDEX membership_resident_idx ON membership (resident_id);

-- Roles are scoped to a community; community_id NULL on ADMIN means the platform administrator.
-- GRID_WORKER and BUILDING_LEADER carry the grid / building they look after.
CREATE TABLE staff_role (
    id            BIGSERIAL PRIMARY KEY,
    staff_id      BIGINT      NOT NULL REFERENCES staff_account (id),
    community_id  BIGINT REFERENCES community (id),
    role          VARCHAR(20) NOT NULL CHECK (role IN ('ADMIN', 'COMMITTEE', 'GRID_WORKER', 'BUILDING_LEADER')),
    grid_id       BIGINT REFERENCES grid (id),
    building_id   BIGINT REFERENCES building (id),
    CHECK (community_id IS NOT NULL OR role = 'ADMIN')
);
CREATE UNIQUE INDEX staff_role_unique_idx ON staff_role (staff_id, COALESCE(community_id, 0), role, COALESCE(grid_id, 0), COALESCE(building_id, 0));

CREATE TABLE invite_code (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT      NOT NULL,
    household_id  BIGINT      NOT NULL,
    code          VARCHAR(16) NOT NULL UNIQUE,
    status        VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'USED', 'REVOKED')),
    created_by    BIGINT REFERENCES staff_account (id),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    used_by       BIGINT REFERENCES resident (id),
    used_at       TIMESTAMPTZ,
    FOREIGN KEY (household_id, community_id) REFERENCES household (id, community_id)
);
CREATE INDEX invite_code_household_idx ON invite_code (household_id);
