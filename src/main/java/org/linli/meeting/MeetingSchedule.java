package org.linli.meeting;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** What the reminders feature needs to know about meetings, and nothing more. */
@ApplicationScoped
public class MeetingSchedule {

    public record Upcoming(long id, long communityId, String title, Instant startsAt, String place) {
    }

    /** Meetings not cancelled that start in [from, to), soonest first. */
    public Uni<List<Upcoming>> startingBetween(Instant from, Instant to) {
        return Panache.withSession(() -> MeetingSql.of("select id, community_id, title, starts_at, place from meeting"
                        + " where cancelled_at is null and starts_at >= :from and starts_at < :to"
                        + " order by starts_at, id")
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC)).rows()
                .map(rows -> rows.stream().map(r -> new Upcoming(MeetingSql.id(r[0]), MeetingSql.id(r[1]),
                        (String) r[2], MeetingSql.time(r[3]).toInstant(), (String) r[4])).toList()));
    }

    /** The invitees still worth reminding: invited, not answered 不参加 (NO), not checked in. */
    public Uni<List<Long>> audience(long meetingId) {
        return Panache.withSession(() -> MeetingSql.of("select resident_id from meeting_invitee where meeting_id = :m"
                        + " and invited and rsvp is distinct from 'NO' and checked_in_at is null order by resident_id")
                .param("m", meetingId).column()
                .map(ids -> ids.stream().map(MeetingSql::id).toList()));
    }
}
