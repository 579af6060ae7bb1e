package org.linli.meeting;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Meetings as residents see them: those they were invited to or checked in to as a walk-in. Anything else is 404.
 * Invitees answer 参加/不参加/待定 and may change it until the meeting starts.
 */
@ApplicationScoped
class ResidentMeetings {

    private static final String COLUMNS = "select m.id, i.invited, i.rsvp, i.rsvp_at, i.checked_in_at"
            + " from meeting_invitee i join meeting m on m.id = i.meeting_id where i.resident_id = :r";

    private final MeetingStore store;

    ResidentMeetings(MeetingStore store) {
        this.store = store;
    }

    /** Upcoming and ongoing first (soonest first), then the rest (latest first); at most 100. */
    Uni<List<MeetingViews.Mine>> mine(long residentId) {
        OffsetDateTime now = store.now();
        return Panache.withSession(() -> NativeSql.of(COLUMNS + " order by (m.starts_at < :now), "
                        + " case when m.starts_at >= :now then m.starts_at end, m.starts_at desc, m.id limit 100")
                .param("r", residentId).param("now", now).rows()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<MeetingViews.Mine>of())
                        : Meeting.<Meeting>list("id in ?1", rows.stream().map(r -> NativeSql.id(r[0])).toList())
                        .map(meetings -> {
                            java.util.Map<Long, Meeting> byId = new java.util.HashMap<>();
                            meetings.forEach(m -> byId.put(m.id, m));
                            return rows.stream().map(r -> view(byId.get(NativeSql.id(r[0])), r)).toList();
                        })));
    }

    Uni<MeetingViews.Mine> one(long residentId, long meetingId) {
        return Panache.withSession(() -> mineOrNotFound(residentId, meetingId));
    }

    Uni<MeetingViews.Mine> rsvp(long residentId, long meetingId, Rsvp answer) {
        OffsetDateTime now = store.now();
        return Panache.withTransaction(() -> mineOrNotFound(residentId, meetingId)
                .chain(mine -> {
                    if (!mine.invited()) {
                        throw Problem.notFound("MEETING_NOT_FOUND");
                    }
                    if (mine.status() == MeetingStatus.CANCELLED) {
                        throw Problem.conflict("MEETING_CANCELLED");
                    }
                    if (!now.isBefore(mine.startsAt())) {
                        throw Problem.conflict("MEETING_RSVP_CLOSED");
                    }
                    return NativeSql.of("update meeting_invitee set rsvp = :a, rsvp_at = :now"
                                    + " where meeting_id = :m and resident_id = :r and invited")
                            .param("a", answer.name()).param("now", now).param("m", meetingId).param("r", residentId)
                            .update();
                })
                .chain(() -> mineOrNotFound(residentId, meetingId)));
    }

    private Uni<MeetingViews.Mine> mineOrNotFound(long residentId, long meetingId) {
        return NativeSql.of(COLUMNS + " and i.meeting_id = :m").param("r", residentId).param("m", meetingId).rows()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().failure(Problem.notFound("MEETING_NOT_FOUND"))
                        : Meeting.<Meeting>findById(meetingId).map(m -> view(m, rows.get(0))));
    }

    private MeetingViews.Mine view(Meeting m, Object[] row) {
        return new MeetingViews.Mine(m.id, m.title, NativeSql.time(m.startsAt), NativeSql.time(m.endsAt), m.place,
                m.agenda, store.status(m), (Boolean) row[1], row[2] == null ? null : Rsvp.valueOf((String) row[2]),
                NativeSql.time(row[3]), NativeSql.time(row[4]), m.minutesNoticeId);
    }
}
