package org.linli.reminder;

/** What a reminder is about; its audience is computed when it fires. */
public enum ReminderKind {
    /** Eligible voters whose unit has not voted, before a poll closes. Cannot be muted: it concerns a legal vote. */
    POLL_CLOSING,
    /** Invitees of a meeting who have not declined. */
    MEETING,
    /** Staff's own, to a scope, once or on a cron schedule. */
    CUSTOM;

    /** The kinds a resident may mute. */
    boolean mutable() {
        return this != POLL_CLOSING;
    }
}
