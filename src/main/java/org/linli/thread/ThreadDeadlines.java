package org.linli.thread;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.identity.Role;
import org.linli.identity.StaffService;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reminders feature may know of threads: the clocks (响应 while SUBMITTED, 办结 while accepted or in
 * handling) and the resolved threads waiting for the raiser's rating; and the one thing it may do to them, alert
 * staff that a clock is near or past. Staff have no WeChat identity the push engine addresses, so clock reminders
 * land in their thread alerts (kinds CLOCK_NEAR, OVERDUE, ESCALATED).
 */
@ApplicationScoped
public class ThreadDeadlines {

    public enum Stage { ACCEPT, RESOLVE }

    public record Clock(long threadId, long communityId, Stage stage, OffsetDateTime dueAt) {
    }

    public record AwaitingRating(long threadId, long communityId, String refNo, long raiserId, OffsetDateTime resolvedAt) {
    }

    private static final String ACCEPT = "status = 'SUBMITTED'";
    private static final String RESOLVE = "status in ('ACCEPTED', 'DELIBERATING', 'IN_PROGRESS')";

    private final Timeline timeline;
    private final StaffService staff;

    ThreadDeadlines(Timeline timeline, StaffService staff) {
        this.timeline = timeline;
        this.staff = staff;
    }

    /** Running clocks due in [from, to). */
    public Uni<List<Clock>> clocksDue(Instant from, Instant to) {
        return NativeSql.of("select id, community_id, 'ACCEPT', accept_due_at from consultation_thread where " + ACCEPT
                        + " and accept_due_at >= :from and accept_due_at < :to union all"
                        + " select id, community_id, 'RESOLVE', resolve_due_at from consultation_thread where " + RESOLVE
                        + " and resolve_due_at >= :from and resolve_due_at < :to order by 4, 1")
                .param("from", utc(from)).param("to", utc(to)).rows()
                .map(rows -> rows.stream().map(r -> new Clock(NativeSql.id(r[0]), NativeSql.id(r[1]),
                        Stage.valueOf((String) r[2]), NativeSql.time(r[3]))).toList());
    }

    /** Resolved threads whose resolution falls in [from, to) and which are still RESOLVED. */
    public Uni<List<AwaitingRating>> resolved(Instant from, Instant to) {
        return NativeSql.of("select id, community_id, ref_no, resident_id, resolved_at from consultation_thread"
                        + " where status = 'RESOLVED' and resolved_at >= :from and resolved_at < :to order by resolved_at, id")
                .param("from", utc(from)).param("to", utc(to)).rows()
                .map(rows -> rows.stream().map(ThreadDeadlines::awaiting).toList());
    }

    /** The thread if it is still RESOLVED from that moment on and its raiser has not rated this round. */
    public Uni<Optional<AwaitingRating>> unrated(long threadId, OffsetDateTime resolvedAt) {
        return NativeSql.of("select t.id, t.community_id, t.ref_no, t.resident_id, t.resolved_at from consultation_thread t"
                        + " where t.id = :id and t.status = 'RESOLVED' and t.resolved_at = :resolved and not exists"
                        + " (select 1 from thread_rating r where r.thread_id = t.id and r.resident_id = t.resident_id"
                        + " and r.round = t.reopen_count)")
                .param("id", threadId).param("resolved", resolvedAt).rows()
                .map(rows -> rows.stream().findFirst().map(ThreadDeadlines::awaiting));
    }

    /**
     * Alerts about a clock: the assignee (or, unassigned, the staff member it was routed to), and with
     * {@code escalate} the committee too. Empty when the thread left that stage or its clock moved (nothing to say).
     */
    public Uni<Optional<Integer>> alertClock(long threadId, Stage stage, OffsetDateTime dueAt, boolean overdue,
                                             boolean escalate, OffsetDateTime now) {
        String due = stage == Stage.ACCEPT ? "accept_due_at" : "resolve_due_at";
        return NativeSql.of("select community_id, coalesce(assignee_staff_id, routed_staff_id), ref_no"
                        + " from consultation_thread where id = :id and " + (stage == Stage.ACCEPT ? ACCEPT : RESOLVE)
                        + " and " + due + " = :due for update")
                .param("id", threadId).param("due", dueAt).rows()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Integer>empty());
                    }
                    Object[] r = rows.get(0);
                    long community = NativeSql.id(r[0]);
                    Set<Long> to = new LinkedHashSet<>();
                    if (r[1] != null) {
                        to.add(NativeSql.id(r[1]));
                    }
                    Uni<Set<Long>> recipients = escalate
                            ? staff.holding(community, Role.COMMITTEE).map(ids -> { to.addAll(ids); return to; })
                            : Uni.createFrom().item(to);
                    String kind = escalate ? "ESCALATED" : overdue ? "OVERDUE" : "CLOCK_NEAR";
                    String note = r[2] + (stage == Stage.ACCEPT ? " 受理" : " 办结") + (overdue ? "已超时" : "即将到期");
                    return recipients.chain(ids -> Multi.createFrom().iterable(new ArrayList<>(ids)).onItem()
                            .transformToUniAndConcatenate(id -> timeline.alert(id, threadId, kind, note, now))
                            .collect().asList().map(done -> Optional.of(ids.size())));
                });
    }

    private static AwaitingRating awaiting(Object[] r) {
        return new AwaitingRating(NativeSql.id(r[0]), NativeSql.id(r[1]), (String) r[2], NativeSql.id(r[3]),
                NativeSql.time(r[4]));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
