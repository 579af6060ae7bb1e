package org.linli.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an occurrence comes to when it fires: a push for these residents, or a skip with the reason recorded.
 */
record Firing(String skipReason, long communityId, ReminderKind kind, boolean urgent, String title, String summary,
              String page, Map<String, String> fields, Instant expiresAt, List<Long> residents, int alerted) {

    static Firing skip(String reason) {
        return new Firing(reason, 0, null, false, null, null, null, Map.of(), null, List.of(), 0);
    }

    /** Staff were alerted in the feature's own way (thread alerts); nothing for the push engine. */
    static Firing alerted(long communityId, ReminderKind kind, int staff) {
        return new Firing(null, communityId, kind, false, null, null, null, Map.of(), null, List.of(), staff);
    }

    static Firing push(long communityId, ReminderKind kind, boolean urgent, String title, String summary, String page,
                       Map<String, String> fields, Instant expiresAt, List<Long> residents) {
        return new Firing(null, communityId, kind, urgent, title, summary, page, fields, expiresAt, residents, 0);
    }

    boolean skipped() {
        return skipReason != null;
    }
}
