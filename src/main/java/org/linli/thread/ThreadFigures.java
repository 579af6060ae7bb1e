package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.util.List;

/**
 * 响应率, 解决率, 满意率, average times and reopens per community, grid, staff member, category or month,
 * computed in PostgreSQL over the threads submitted in [from, to) (community time). Definitions:
 * docs/architecture.md#thread-figures.
 */
@ApplicationScoped
public class ThreadFigures {

    private final java.time.Clock clock;

    ThreadFigures(java.time.Clock clock) {
        this.clock = clock;
    }

    public record Row(String key, long received, long respondedInTime, Double responseRate, long accepted,
                      long resolvedInTime, Double resolutionRate, long ratings, long satisfied,
                      Double satisfactionRate, Double avgAcceptHours, Double avgResolveHours, long reopens,
                      long overdueOpen) {
    }

    /** by: community, grid, staff, category, month. */
    public Uni<List<Row>> figures(long communityId, Actor actor, String by, java.time.LocalDate from,
                                  java.time.LocalDate to) {
        String key = switch (by == null ? "community" : by) {
            case "community" -> "cast(t.community_id as text)";
            case "grid" -> "coalesce(cast(t.grid_id as text), '-')";
            case "staff" -> "coalesce(cast(t.assignee_staff_id as text), '-')";
            case "category" -> "t.category";
            case "month" -> "to_char(t.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')";
            default -> throw Problem.badRequest("THREAD_FIGURES_BY_UNKNOWN", by);
        };
        NativeSql sql = NativeSql.of("with r as (select thread_id, count(*) as n, count(*) filter (where score >= 4) as good"
                + " from thread_rating group by thread_id)"
                + " select " + key + " as k, count(*),"
                + " count(*) filter (where coalesce(t.accepted_at, case when t.status = 'REJECTED' then t.closed_at end)"
                + "   <= t.accept_due_at),"
                + " count(*) filter (where t.accepted_at is not null),"
                + " count(*) filter (where t.accepted_at is not null and t.resolved_at is not null"
                + "   and t.resolved_at <= t.resolve_due_at),"
                + " coalesce(sum(r.n), 0), coalesce(sum(r.good), 0),"
                + " avg(extract(epoch from t.accepted_at - t.submitted_at)) / 3600,"
                + " avg(extract(epoch from t.resolved_at - t.accepted_at)) / 3600,"
                + " coalesce(sum(t.reopen_count), 0),"
                + " count(*) filter (where (t.status = 'SUBMITTED' and t.accept_due_at < cast(:now as timestamptz))"
                + "   or (t.status in ('ACCEPTED', 'DELIBERATING', 'IN_PROGRESS') and t.resolve_due_at < cast(:now as timestamptz)))"
                + " from consultation_thread t left join r on r.thread_id = t.id"
                + " where t.community_id = :c and t.submitted_at is not null and t.merged_into_id is null")
                .param("c", communityId).param("now", java.time.OffsetDateTime.now(clock));
        sql.append(" and " + actor.reachCondition(sql));
        if (from != null) {
            sql.append(" and t.submitted_at >= cast(:from as timestamp) at time zone 'Asia/Shanghai'")
                    .param("from", from.atStartOfDay());
        }
        if (to != null) {
            sql.append(" and t.submitted_at < cast(:to as timestamp) at time zone 'Asia/Shanghai'")
                    .param("to", to.atStartOfDay());
        }
        sql.append(" group by k order by k");
        return Panache.withSession(sql::rows).map(rows -> rows.stream().map(r -> {
            long received = n(r[1]);
            long responded = n(r[2]);
            long accepted = n(r[3]);
            long resolved = n(r[4]);
            long ratings = n(r[5]);
            long good = n(r[6]);
            return new Row((String) r[0], received, responded, rate(responded, received), accepted, resolved,
                    rate(resolved, accepted), ratings, good, rate(good, ratings), round(r[7]), round(r[8]), n(r[9]),
                    n(r[10]));
        }).toList());
    }

    static String csv(List<Row> rows) {
        return Csv.of(List.of("分组", "收到", "按时响应", "响应率", "受理", "按时办结", "解决率", "评价数", "满意(≥4)",
                        "满意率", "平均响应小时", "平均办结小时", "重新办理次数", "超时未办"),
                rows.stream().map(r -> List.<Object>of(r.key(), r.received(), r.respondedInTime(), opt(r.responseRate()),
                        r.accepted(), r.resolvedInTime(), opt(r.resolutionRate()), r.ratings(), r.satisfied(),
                        opt(r.satisfactionRate()), opt(r.avgAcceptHours()), opt(r.avgResolveHours()), r.reopens(),
                        r.overdueOpen())).toList());
    }

    private static Object opt(Object o) {
        return o == null ? "" : o;
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static Double round(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue() * 100) / 100.0;
    }
}
