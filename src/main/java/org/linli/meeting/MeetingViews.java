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

    /**
     * {@code reminderLeadMinutes}: the meeting's own reminder times, minutes before the start (empty: none); null:
     * the deployment's.
     */
    public record Staff(long id, long communityId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                        String place, String agenda, String scopeKind, List<Long> scopeIds, Long pollId,
                        Long threadId, MeetingStatus status, Counts counts, Long minutesNoticeId,
                        OffsetDateTime cancelledAt, OffsetDateTime createdAt, Invitations invitations,
                        List<Integer> reminderLeadMinutes) {
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

    /**
     * Who attended the meetings (not cancelled) that name a poll: a 居民会议 poll counts them as present.
     * Empty {@code meetings} when no meeting names it.
     */
    public record PollAttendance(List<String> meetings, List<Long> residentIds) {
        public boolean linked() {
            return !meetings.isEmpty();
        }
    }
}
