package org.linli.reminder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.linli.common.NativeSql;
import org.linli.poll.PollDeadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.linli.reminder.ReminderService.split;
import static org.linli.reminder.ReminderService.utc;

/**
 * Fires due reminders exactly once across replicas. Each pass plans the closing reminders of announced and open
 * polls, then claims due occurrences in PostgreSQL ({@code FOR UPDATE SKIP LOCKED}, a lease and a fencing token,
 * like the push outbox) and fires each in one transaction: the audience is computed, the pushes handed to the
 * outbox keyed {@code reminder:<occurrence id>}, and the occurrence recorded FIRED only while the claim is still
 * this replica's. A replica that dies after claiming loses the claim at lease expiry and another fires it; a
 * repeated firing would enqueue nothing, as the outbox ignores a source ref it already holds for a resident.
 */
@ApplicationScoped
public class ReminderEngine {

    /** What one pass did. */
    public record Pass(int planned, int fired, int skipped, int lost, int digests) {
    }

    private static final Logger LOG = Logger.getLogger(ReminderEngine.class);

    private static final String CLAIM = "update reminder_occurrence o set claimed_until = :lease, claims = o.claims + 1"
            + " where o.id in (select id from reminder_occurrence where status = 'DUE' and due_at <= :now"
            + " and (claimed_until is null or claimed_until <= :now) order by due_at, id limit :batch"
            + " for update skip locked) returning o.id, o.claims, o.due_at";
    private static final String DUE = "select o.id, o.claims, r.id, r.community_id, r.kind, r.subject_id, r.title,"
            + " r.body, r.scope_kind, array_to_string(r.scope_ids, ','), r.cron, r.urgent, r.status = 'ACTIVE',"
            + " o.due_at, o.lead_minutes, o.stage, exists (select 1 from reminder_occurrence l where l.reminder_id = r.id"
            + " and l.status in ('DUE', 'FIRED') and l.due_at > o.due_at and l.due_at <= :now"
            + " and l.stage is not distinct from o.stage)"
            + " from reminder_occurrence o join reminder r on r.id = o.reminder_id"
            + " where o.id = :id and o.claims = :claim and o.status = 'DUE' for update of o";

    private final Audiences audiences;
    private final Deliveries deliveries;
    private final PollDeadlines polls;
    private final SubjectPlans subjects;
    private final ReminderConfig config;
    private final Clock clock;

    ReminderEngine(Audiences audiences, Deliveries deliveries, PollDeadlines polls, SubjectPlans subjects,
                   ReminderConfig config, Clock clock) {
        this.audiences = audiences;
        this.deliveries = deliveries;
        this.polls = polls;
        this.subjects = subjects;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${linli.reminder.every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    Uni<Void> scheduled() {
        return pass().onFailure().invoke(e -> LOG.warn("Reminder pass failed", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Plans, then fires claimed rounds until nothing is due, then sends the digests whose time has come. */
    public Uni<Pass> pass() {
        return plan().chain(planned -> fireAll(new Pass(planned, 0, 0, 0, 0)))
                .chain(pass -> deliveries.sendDigests().map(d -> new Pass(pass.planned(), pass.fired(),
                        pass.skipped(), pass.lost(), d)));
    }

    private Uni<Pass> fireAll(Pass sofar) {
        return claim().chain(claims -> {
            if (claims.isEmpty()) {
                return Uni.createFrom().item(sofar);
            }
            return Multi.createFrom().iterable(claims).onItem().transformToUniAndConcatenate(this::fire)
                    .collect().asList()
                    .chain(outcomes -> fireAll(new Pass(sofar.planned(),
                            sofar.fired() + (int) outcomes.stream().filter("FIRED"::equals).count(),
                            sofar.skipped() + (int) outcomes.stream().filter("SKIPPED"::equals).count(),
                            sofar.lost() + (int) outcomes.stream().filter("LOST"::equals).count(), 0)));
        });
    }

    Uni<Integer> plan() {
        return planPolls().chain(polls -> subjects.plan().map(s -> polls + s));
    }

    /** Closing reminders of every announced or open poll, at each lead after the poll opens; planned once. */
    Uni<Integer> planPolls() {
        Instant now = clock.instant();
        String leads = ReminderService.join(config.pollLeads().stream().map(Duration::toMinutes).toList());
        return Panache.withTransaction(() -> polls.closingAfter(now).chain(closing -> Multi.createFrom()
                .iterable(closing).onItem().transformToUniAndConcatenate(poll -> NativeSql.of(
                                "with r as (insert into reminder (community_id, kind, subject_id, title, leads,"
                                        + " created_at) values (:community, 'POLL_CLOSING', :poll, :title,"
                                        + " string_to_array(:leads, ',')::int[], :now)"
                                        + " on conflict (kind, subject_id) where subject_id is not null"
                                        + " do update set title = excluded.title returning id, leads, status)"
                                        + " insert into reminder_occurrence (reminder_id, due_at, lead_minutes)"
                                        + " select r.id, cast(:close as timestamptz) - make_interval(mins => l), l from r, unnest(r.leads) l"
                                        + " where r.status = 'ACTIVE' and cast(:close as timestamptz) - make_interval(mins => l) > :opens"
                                        + " on conflict (reminder_id, due_at) do nothing")
                        .param("community", poll.communityId()).param("poll", poll.pollId())
                        .param("title", poll.title()).param("leads", leads).param("now", utc(now))
                        .param("close", poll.closeAt()).param("opens", poll.openAt()).update())
                .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum())));
    }

    /** Claims due occurrences for this replica until the lease ends; committed at once so others skip them. */
    Uni<List<long[]>> claim() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> NativeSql.of(CLAIM).param("lease", utc(now.plus(config.lease())))
                .param("now", utc(now)).param("batch", config.batch()).rows()
                .map(rows -> rows.stream().sorted(java.util.Comparator.comparing(r -> NativeSql.time(r[2])))
                        .map(r -> new long[]{NativeSql.id(r[0]), NativeSql.id(r[1])}).toList()));
    }

    /** FIRED, SKIPPED, or LOST when the claim is no longer ours (another replica took it over). */
    Uni<String> fire(long[] claim) {
        return Panache.withTransaction(() -> NativeSql.of(DUE).param("id", claim[0]).param("claim", (int) claim[1])
                        .param("now", utc(clock.instant())).rows()
                        .chain(rows -> rows.isEmpty() ? Uni.createFrom().item("LOST") : fire(due(rows.get(0)))))
                .onFailure().invoke(e -> LOG.warnf(e, "Reminder occurrence %d failed to fire; it is retried when its"
                        + " lease ends", claim[0]))
                .onFailure().recoverWithItem("FAILED");
    }

    private Uni<String> fire(Due due) {
        Uni<Firing> firing = due.active() ? audiences.decide(due) : Uni.createFrom().item(Firing.skip("提醒已取消"));
        return firing.chain(f -> f.skipped() ? deliveries.skip(due, f.skipReason()).replaceWith("SKIPPED")
                        : deliveries.deliver(due, f).replaceWith("FIRED"))
                .call(() -> next(due));
    }

    /** A recurring reminder's next occurrence, after this one and after now (missed ones are not piled up). */
    private Uni<Integer> next(Due due) {
        if (due.cron() == null || !due.active()) {
            return NativeSql.of("update reminder set status = 'DONE' where id = :id and kind = 'CUSTOM'"
                    + " and status = 'ACTIVE'").param("id", due.reminderId()).update();
        }
        Instant after = due.dueAt().isAfter(clock.instant()) ? due.dueAt() : clock.instant();
        return Schedule.parse(due.cron(), clock.getZone()).next(after)
                .map(at -> ReminderService.occur(due.reminderId(), at, null))
                .orElseGet(() -> NativeSql.of("update reminder set status = 'DONE' where id = :id")
                        .param("id", due.reminderId()).update());
    }

    private static Due due(Object[] r) {
        return new Due(NativeSql.id(r[0]), ((Number) r[1]).intValue(), NativeSql.id(r[2]), NativeSql.id(r[3]),
                ReminderKind.valueOf((String) r[4]), r[5] == null ? null : NativeSql.id(r[5]), (String) r[6],
                (String) r[7], (String) r[8], split((String) r[9]).stream().map(Long::valueOf).toList(),
                (String) r[10], (Boolean) r[11], (Boolean) r[12], NativeSql.time(r[13]).toInstant(),
                r[14] == null ? null : ((Number) r[14]).intValue(), (String) r[15], (Boolean) r[16]);
    }
}
