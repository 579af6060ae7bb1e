package org.linli.thread;

import java.time.OffsetDateTime;

/** A thread as its author and other features see it. */
public record ThreadSummary(long id, String refNo, long communityId, long residentId, Long householdId,
                            String description, String locationText, ThreadStatus status, String statusLabel,
                            String category, Urgency urgency, Visibility visibility, ThreadSource source,
                            OffsetDateTime createdAt) {

    static ThreadSummary of(ConsultationThread t) {
        return new ThreadSummary(t.id, t.refNo, t.communityId, t.residentId, t.householdId, t.description,
                t.locationText, t.status, t.status.label(), t.category, t.urgency, t.visibility, t.source,
                t.createdAt);
    }
}
