package org.linli.thread;

/** What happened on a thread's timeline. Lifecycle moves are named after their {@link ThreadAction}. */
public enum ThreadEventKind {
    CREATED, SUBMITTED, ACCEPTED, REJECTED, DELIBERATING, STARTED, RESOLVED, REOPENED, CLOSED, TRANSFERRED,
    MERGED, MERGED_IN, ESCALATED, NOTE, SUPPORTED, SUPPORT_WITHDRAWN, RATED, HELD, RELEASED, HIDDEN, REMOVED
}
