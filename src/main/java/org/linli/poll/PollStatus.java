package org.linli.poll;

/** DRAFT → ANNOUNCED → OPEN → CLOSED → PUBLISHED (公示) → ARCHIVED; CLOSED may reopen to OPEN by extension. */
public enum PollStatus {
    DRAFT, ANNOUNCED, OPEN, CLOSED, PUBLISHED, ARCHIVED
}
