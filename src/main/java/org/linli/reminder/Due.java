package org.linli.reminder;

import java.time.Instant;
import java.util.List;

/**
 * An occurrence claimed for firing, with its reminder. {@code overtaken}: a later occurrence of the same reminder
 * is due as well (the service was down over both), so only that one is sent.
 */
record Due(long occurrenceId, int claim, long reminderId, long communityId, ReminderKind kind, Long subjectId,
           String title, String body, String scopeKind, List<Long> scopeIds, String cron, boolean urgent,
           boolean active, Instant dueAt, Integer leadMinutes, String stage, boolean overtaken) {
}
