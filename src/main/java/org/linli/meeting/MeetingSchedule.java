package org.linli.meeting;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** What the reminders feature needs to know about meetings, and nothing more. */
@ApplicationScoped
public class MeetingSchedule {

    public record Upcoming(long id, long communityId, String title, Instant startsAt, String place,
                           Instant createdAt) {
    }

    private static final String COLUMNS = "select id, community_id, title, starts_at, place, created_at from meeting";

    /** Meetings not cancelled that start in [from, to), soonest first. */
    public Uni<List<Upcoming>> startingBetween(Instant from, Instant to) {
        return Panache.withSession(() -> NativeSql.of(COLUMNS + " where cancelled_at is null and starts_at >= :from and starts_at < :to"
                        + " order by starts_at, id")
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC)).rows()
                .map(rows -> rows.stream().map(MeetingSchedule::upcoming).toList()));
    }

    /** The meeting unless it was cancelled. */
    public Uni<Optional<Upcoming>> find(long meetingId) {
        return Panache.withSession(() -> NativeSql.of(COLUMNS + " where id = :id and cancelled_at is null")
                .param("id", meetingId).rows().map(rows -> rows.stream().findFirst().map(MeetingSchedule::upcoming)));
    }

    private static Upcoming upcoming(Object[] r) {
        return new Upcoming(NativeSql.id(r[0]), NativeSql.id(r[1]), (String) r[2], NativeSql.time(r[3]).toInstant(),
                (String) r[4], NativeSql.time(r[5]).toInstant());
    }

    /** The invitees still worth reminding: invited, not answered 不参加 (NO), not checked in. */
    public Uni<List<Long>> audience(long meetingId) {
        return Panache.withSession(() -> NativeSql.of("select resident_id from meeting_invitee where meeting_id = :m"
                        + " and invited and rsvp is distinct from 'NO' and checked_in_at is null order by resident_id")
                .param("m", meetingId).column()
                .map(ids -> ids.stream().map(NativeSql::id).toList()));
    }
}
