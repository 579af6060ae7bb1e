package org.linli.reminder;

import java.time.OffsetDateTime;
import java.util.List;

/** A reminder as staff see it, with its occurrences (newest first) and what the push engine made of each. */
public record ReminderView(long id, ReminderKind kind, Long subjectId, String title, String body, String scopeKind,
                           List<Long> scopeIds, String cron, OffsetDateTime fireAt, List<Integer> leadMinutes,
                           boolean urgent, String status, Long createdBy, OffsetDateTime createdAt,
                           OffsetDateTime nextDueAt, List<Occurrence> occurrences) {

    /**
     * One firing. {@code audience}: residents it was for at fire time; {@code queued}: pushes handed to the engine;
     * {@code digested}: held for residents' daily digest; {@code skipReason} when it was skipped.
     */
    public record Occurrence(long id, OffsetDateTime dueAt, Integer leadMinutes, String status, OffsetDateTime doneAt,
                             Integer audience, Integer queued, Integer digested, String skipReason,
                             Delivery delivery) {
    }

    /** The push engine's figures over every push of the occurrence. */
    public record Delivery(long total, long sent, long inApp, long pending, long dead, long cancelled) {
    }
}
