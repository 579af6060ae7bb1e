package org.linli.reminder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.meeting.MeetingSchedule;
import org.linli.thread.ThreadDeadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.linli.reminder.ReminderService.join;
import static org.linli.reminder.ReminderService.utc;

/**
 * Plans the reminders of meetings (at the meeting's own times before the start, else at {@code meeting-leads}; those
 * that fall before the meeting was created left out: its invitation said it all) and of threads from their clocks: for a running clock, alerts at {@code thread-clock-near} before
 * it, at its end, daily after it, and an escalation at {@code thread-escalate-after}; for a resolved thread, one
 * 请评价 at {@code rating-after}. Each pass looks at the occurrences falling from {@code catch-up} ago to a few
 * minutes ahead, so a clock set, moved or restarted (a reopen) is planned by the next pass; old occurrences of a
 * moved clock are skipped when they fire.
 */
@ApplicationScoped
class SubjectPlans {

    private static final Duration AHEAD = Duration.ofMinutes(5);

    private final ThreadDeadlines threads;
    private final MeetingSchedule meetings;
    private final ReminderConfig config;
    private final Clock clock;

    SubjectPlans(ThreadDeadlines threads, MeetingSchedule meetings, ReminderConfig config, Clock clock) {
        this.threads = threads;
        this.meetings = meetings;
        this.config = config;
        this.clock = clock;
    }

    /** Minutes before the clock's end of each occurrence; negative after it. The last one escalates. */
    List<Integer> clockLeads() {
        List<Integer> leads = new ArrayList<>();
        leads.add((int) config.threadClockNear().toMinutes());
        long escalate = config.threadEscalateAfter().toMinutes();
        for (long after = 0; after < escalate; after += 1440) {
            leads.add((int) -after);
        }
        leads.add((int) -escalate);
        return leads.stream().distinct().toList();
    }

    Uni<Integer> plan() {
        return planThreads().chain(threads -> planMeetings().map(m -> threads + m));
    }

    private Uni<Integer> planMeetings() {
        Instant now = clock.instant();
        String defaults = join(config.meetingLeads().stream().map(Duration::toMinutes).toList());
        return Panache.withTransaction(() -> meetings.remindersBetween(now.minus(config.catchUp()), now.plus(AHEAD),
                        defaults)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0) : insert("MEETING", due.stream()
                        .map(d -> new Planned(d.meeting().id(), d.meeting().communityId(), d.dueAt(), d.lead(), null))
                        .toList(), now)));
    }

    private Uni<Integer> planThreads() {
        Instant now = clock.instant();
        Instant from = now.minus(config.catchUp());
        Instant to = now.plus(AHEAD);
        List<Integer> leads = clockLeads();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(leads).onItem()
                .transformToUniAndConcatenate(lead -> threads.clocksDue(from.plus(Duration.ofMinutes(lead)),
                                to.plus(Duration.ofMinutes(lead)))
                        .chain(clocks -> clocks.isEmpty() ? Uni.createFrom().item(0) : insert("THREAD_CLOCK",
                                clocks.stream().map(c -> new Planned(c.threadId(), c.communityId(),
                                        c.dueAt().toInstant().minus(Duration.ofMinutes(lead)), lead,
                                        c.stage().name())).toList(), now)))
                .collect().asList()
                .chain(counts -> threads.resolved(from.minus(config.ratingAfter()), to.minus(config.ratingAfter()))
                        .chain(resolved -> resolved.isEmpty() ? Uni.createFrom().item(0) : insert("THREAD_RATING",
                                resolved.stream().map(t -> new Planned(t.threadId(), t.communityId(),
                                        t.resolvedAt().toInstant().plus(config.ratingAfter()),
                                        (int) -config.ratingAfter().toMinutes(), null)).toList(), now))
                        .map(n -> n + counts.stream().mapToInt(Integer::intValue).sum())));
    }

    private record Planned(long subjectId, long communityId, Instant dueAt, int lead, String stage) {
    }

    /** One statement per kind: the reminders by (kind, thread), then their occurrences by (reminder, time). */
    private static Uni<Integer> insert(String kind, List<Planned> planned, Instant now) {
        return NativeSql.of("with p as (select * from unnest(string_to_array(:threads, ',')::bigint[],"
                        + " string_to_array(:communities, ',')::bigint[], string_to_array(:dues, ',')::bigint[],"
                        + " string_to_array(:leads, ',')::int[], string_to_array(:stages, ',')::varchar[])"
                        + " as p(thread, community, due_us, lead, stage)),"
                        + " r as (insert into reminder (community_id, kind, subject_id, title, created_at)"
                        + " select distinct community, cast(:kind as varchar), thread, cast(:kind as varchar), cast(:now as timestamptz) from p"
                        + " on conflict (kind, subject_id) where subject_id is not null do update set kind = excluded.kind"
                        + " returning id, subject_id)"
                        + " insert into reminder_occurrence (reminder_id, due_at, lead_minutes, stage)"
                        + " select r.id, timestamptz 'epoch' + p.due_us * interval '1 microsecond', p.lead, nullif(p.stage, '-') from p"
                        + " join r on r.subject_id = p.thread on conflict (reminder_id, due_at) do nothing")
                .param("threads", join(planned.stream().map(Planned::subjectId).toList()))
                .param("communities", join(planned.stream().map(Planned::communityId).toList()))
                .param("dues", join(planned.stream().map(p -> java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH,
                        p.dueAt())).toList()))
                .param("leads", join(planned.stream().map(Planned::lead).toList()))
                .param("stages", join(planned.stream().map(p -> p.stage() == null ? "-" : p.stage()).toList()))
                .param("kind", kind).param("now", utc(now)).update();
    }
}
