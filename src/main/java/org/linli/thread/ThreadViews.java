package org.linli.thread;

import java.time.OffsetDateTime;
import java.util.List;

/** What the REST API answers about threads. */
public final class ThreadViews {

    private ThreadViews() {
    }

    /** check: WeChat's image check (PENDING, PASS, REVIEW, RISKY, HELD, REMOVED); others see PASS photos only. */
    public record Photo(long id, String mediaId, String url, String purpose, Long fromThreadId, String check) {
    }

    /** A timeline line. Residents see staff as role + display name only; actorId and internal notes are staff-only. */
    public record Event(long id, OffsetDateTime at, String kind, String status, String statusLabel, String actor,
                        Long actorId, boolean internal, String note) {
    }

    public record Comment(long id, String author, boolean mine, String body, String moderation, boolean edited,
                          boolean deleted, OffsetDateTime createdAt, List<String> history) {
    }

    public record Detail(long id, String refNo, long communityId, String status, String statusLabel, String category,
                         String urgency, String visibility, String moderation, String description,
                         String locationText, Long buildingId, Long gridId, Long assigneeStaffId, Long routedStaffId,
                         boolean mine, boolean supported, int supportCount, OffsetDateTime createdAt,
                         OffsetDateTime submittedAt, OffsetDateTime acceptedAt, OffsetDateTime resolvedAt,
                         OffsetDateTime closedAt, OffsetDateTime acceptDueAt, OffsetDateTime resolveDueAt,
                         boolean overdue, String complexity, String result, String rejectReason, boolean escalated,
                         String mergedIntoRef, int reopenCount, Long pollId, boolean canRate, Integer myRating,
                         List<Photo> photos, List<Event> timeline, List<Comment> comments,
                         List<Candidate> mergeSuggestions) {
    }

    public record QueueItem(long id, String refNo, String status, String statusLabel, String category,
                            String urgency, String visibility, String moderation, String excerpt, Long buildingId,
                            Long gridId, Long assigneeStaffId, Long routedStaffId, int supportCount,
                            OffsetDateTime createdAt, OffsetDateTime acceptDueAt, OffsetDateTime resolveDueAt,
                            boolean overdue, boolean escalated) {
    }

    /** One page of a keyset-paginated list; {@code next} is the cursor of the following page (null: last page). */
    public record Slice<T>(List<T> items, String next) {
    }

    /** A resident-facing list line (my threads, public threads). */
    public record Line(long id, String refNo, String status, String statusLabel, String category, String excerpt,
                       int supportCount, boolean mine, OffsetDateTime createdAt) {
    }

    /** 公示: a closed public thread without personal data. */
    public record Published(String refNo, String category, String excerpt, String result, Double rating,
                            int ratings, OffsetDateTime resolvedAt, OffsetDateTime closedAt) {
    }

    public record Alert(long id, long threadId, String refNo, String kind, String note, OffsetDateTime at,
                        boolean seen) {
    }

    /** The dashboard's counts within the caller's reach: submitted today (community time), waiting, overdue. */
    public record Today(long submittedToday, long waiting, long overdue) {
    }

    /** A category's clocks as configured ({@code 2h} hours, {@code 7d} calendar days, {@code 5wd} working days). */
    public record Clocks(String category, String acceptUrgent, String acceptNormal, String resolveUrgent,
                         String resolveNormal, String resolveComplex) {
    }

    /** The thread settings in force: the community's rules, and the deployment's calendar and thresholds. */
    public record Settings(ThreadRules rules, HolidayUploads.InForce calendar, int ratingDays, int reportsToHide,
                           double duplicateThreshold) {
    }
}
