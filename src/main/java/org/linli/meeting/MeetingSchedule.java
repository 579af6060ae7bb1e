package org.linli.meeting;

import org.linli.common.NativeSql;
import org.linli.common.ReminderLeads;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
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

    /** A reminder of a meeting due before its start: {@code lead} minutes before. */
    public record Due(Upcoming meeting, int lead, Instant dueAt) {
    }

    /**
     * The reminders of meetings not cancelled that fall due in [from, to), at the meeting's own times or else at
     * {@code defaultMinutes} (comma-separated); a time before the meeting was created is left out: the invitation
     * said it all.
     */
    public Uni<List<Due>> remindersBetween(Instant from, Instant to, String defaultMinutes) {
        return Panache.withSession(() -> NativeSql.of("select m.id, m.community_id, m.title, m.starts_at, m.place,"
                        + " m.created_at, l.lead from meeting m cross join lateral unnest(string_to_array("
                        + "coalesce(m.reminder_leads, :defaults), ',')::int[]) as l(lead) where m.cancelled_at is null"
                        + " and m.starts_at >= :from and m.starts_at < cast(:to as timestamptz) + interval '15 days'"
                        + " and m.starts_at - make_interval(mins => l.lead) >= :from"
                        + " and m.starts_at - make_interval(mins => l.lead) < :to"
                        + " and m.starts_at - make_interval(mins => l.lead) > m.created_at order by m.starts_at, m.id")
                .param("defaults", defaultMinutes).param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC)).rows()
                .map(rows -> rows.stream().map(r -> {
                    Upcoming m = upcoming(r);
                    int lead = ((Number) r[6]).intValue();
                    return new Due(m, lead, m.startsAt().minus(Duration.ofMinutes(lead)));
                }).toList()));
    }

    /** New reminder times for the meeting: minutes before the start, as {@link ReminderLeads#minutes} gives them. */
    public Uni<Void> changeReminderLeads(long meetingId, String minutes) {
        return Panache.withTransaction(() -> NativeSql.of("update meeting set reminder_leads = :leads where id = :id")
                .param("leads", minutes).param("id", meetingId).update().replaceWithVoid());
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
