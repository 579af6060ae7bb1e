package org.linli.meeting;

import java.time.OffsetDateTime;

/** Where a meeting stands at a moment: derived from its times and cancellation, never stored. */
public enum MeetingStatus {
    UPCOMING,
    ONGOING,
    ENDED,
    CANCELLED;

    static MeetingStatus of(Meeting m, OffsetDateTime end, OffsetDateTime now) {
        if (m.cancelledAt != null) {
            return CANCELLED;
        }
        if (now.isBefore(m.startsAt)) {
            return UPCOMING;
        }
        return now.isBefore(end) ? ONGOING : ENDED;
    }
}
