-- WeChat's asynchronous image check (mediaCheckAsync) for residents' photos. A photo is shown to anyone but its
-- raiser and staff only once it is PASS. Staff photos (results) need no check; earlier residents' photos go
-- through the check like new ones.
ALTER TABLE thread_photo
    ADD COLUMN check_status       VARCHAR(8)  NOT NULL DEFAULT 'PASS'
        CHECK (check_status IN ('PENDING', 'PASS', 'REVIEW', 'RISKY', 'HELD', 'REMOVED')),
    ADD COLUMN check_trace_id     VARCHAR(64),
    ADD COLUMN check_attempts     INT         NOT NULL DEFAULT 0,
    ADD COLUMN check_attempted_at TIMESTAMPTZ;
UPDATE thread_photo SET check_status = 'PENDING' WHERE purpose = 'RAISE';
CREATE INDEX thread_photo_trace_idx ON thread_photo (check_trace_id) WHERE check_trace_id IS NOT NULL;
CREATE INDEX thread_photo_unsent_idx ON thread_photo (id) WHERE check_status = 'PENDING' AND check_trace_id IS NULL;

ALTER TABLE thread_moderation ADD COLUMN photo_id BIGINT REFERENCES thread_photo (id);
