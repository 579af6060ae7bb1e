package org.linli.thread;

/** Where a thread stands. Only DRAFT is written today; the rest is the lifecycle that comes next. */
public enum ThreadStatus {
    DRAFT, SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED
}
