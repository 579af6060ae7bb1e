-- Reminders (issue 11) look up running clocks and resolved threads by time across communities.
CREATE INDEX consultation_thread_accept_due_idx ON consultation_thread (accept_due_at) WHERE status = 'SUBMITTED';
CREATE INDEX consultation_thread_resolve_due_idx ON consultation_thread (resolve_due_at)
    WHERE status IN ('ACCEPTED', 'DELIBERATING', 'IN_PROGRESS');
CREATE INDEX consultation_thread_resolved_idx ON consultation_thread (resolved_at) WHERE status = 'RESOLVED';
