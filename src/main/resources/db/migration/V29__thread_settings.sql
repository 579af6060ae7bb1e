-- A community's own 说事 rules, edited by its committee in the console: categories, the urgent ones, the clocks per
-- category and the local sensitive words (JSON text, see thread.ThreadSettings.Stored). Without a row linli.thread.* applies.
CREATE TABLE thread_settings (
    community_id  BIGINT       PRIMARY KEY REFERENCES community (id),
    rules         TEXT         NOT NULL,
    version       INT          NOT NULL DEFAULT 1,
    updated_by    BIGINT       NOT NULL REFERENCES staff_account (id),
    updated_by_name VARCHAR(64) NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
