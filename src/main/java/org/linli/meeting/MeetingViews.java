package org.linli.meeting;

import java.time.OffsetDateTime;
import java.util.List;

/** What the meeting endpoints answer. */
public final class MeetingViews {

    private MeetingViews() {
    }

    /** RSVP figures: 参加 (yes), 不参加 (no), 待定 (maybe), 未答复 (unanswered); attended includes walk-ins. */
    public record Counts(long invited, long yes, long no, long maybe, long unanswered, long attended, long walkIns) {
    }

    public record Staff(long id, long communityId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                        String place, String agenda, String scopeKind, List<Long> scopeIds, Long pollId,
                        Long threadId, MeetingStatus status, Counts counts, Long minutesNoticeId,
                        OffsetDateTime cancelledAt, OffsetDateTime createdAt, Invitations invitations) {
    }

    /** What the push engine made of the invitation push (sent through WeChat, in-app only, waiting, failed). */
    public record Invitations(long total, long sent, long inApp, long pending, long dead, long cancelled) {
    }

    public record Summary(long id, String title, OffsetDateTime startsAt, OffsetDateTime endsAt, String place,
                          MeetingStatus status) {
    }

    /** A meeting as one resident sees it; invited is false for a walk-in. */
    public record Mine(long id, String title, OffsetDateTime startsAt, OffsetDateTime endsAt, String place,
                       String agenda, MeetingStatus status, boolean invited, Rsvp rsvp, OffsetDateTime rsvpAt,
                       OffsetDateTime checkedInAt, Long minutesNoticeId) {
    }

    /** An attendee as staff see them: display name only, never a phone number. */
    public record Attendee(long residentId, String displayName, boolean invited, OffsetDateTime checkedInAt,
                           boolean byStaff) {
    }

    public record QrCode(String scene, String url, OffsetDateTime expiresAt) {
    }

    /** A check-in by hand: {@code already} when the resident had checked in before (the first time is kept). */
    public record CheckedIn(long residentId, boolean invited, boolean already, OffsetDateTime checkedInAt) {
    }
}
