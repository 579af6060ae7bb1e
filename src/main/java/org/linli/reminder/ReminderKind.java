package org.linli.reminder;

/** What a reminder is about; its audience is computed when it fires. */
public enum ReminderKind {
    /** Eligible voters whose unit has not voted, before a poll closes. Cannot be muted: it concerns a legal vote. */
    POLL_CLOSING,
    /** Invitees of a meeting who have not declined. */
    MEETING,
    /** A thread's clock near or past: alerts to its assignee, then the committee (staff, not pushes). */
    THREAD_CLOCK,
    /** A resolved thread the raiser has not rated after some days: one 请评价 push. */
    THREAD_RATING,
    /** Staff's own, to a scope, once or on a cron schedule. */
    CUSTOM;

    /** The kinds a resident may mute. */
    boolean mutable() {
        return this != POLL_CLOSING;
    }
}
