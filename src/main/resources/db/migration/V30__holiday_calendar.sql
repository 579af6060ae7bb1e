-- Holiday calendars uploaded by a platform admin (国务院办公厅's yearly 节假日安排, "yyyy-MM-dd off|work" lines).
-- The calendar in force is linli.thread.holiday-file (or the packaged one) with every upload over it in order: an
-- upload replaces the years it lists.
CREATE TABLE holiday_calendar (
    id                BIGSERIAL     PRIMARY KEY,
    file_name         VARCHAR(200)  NOT NULL,
    content           TEXT          NOT NULL,
    uploaded_by       BIGINT        NOT NULL REFERENCES staff_account (id),
    uploaded_by_name  VARCHAR(64)   NOT NULL,
    uploaded_at       TIMESTAMPTZ   NOT NULL
);
