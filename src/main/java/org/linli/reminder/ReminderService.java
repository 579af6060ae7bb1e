package org.linli.reminder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;
import org.linli.common.ReminderLeads;
import org.linli.community.ElectorateRoster;
import org.linli.identity.Reach;
import org.linli.meeting.MeetingSchedule;
import org.linli.push.DeliveryStatus;
import org.linli.push.PushStats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Staff's side of reminders: custom ones created, listed and cancelled; the leads of a poll's or meeting's
 * reminders changed. Scope checks follow notices: whole-community roles anywhere, grid workers and building leaders
 * inside their reach.
 */
@ApplicationScoped
public class ReminderService {

    static final String COLUMNS = "select r.id, r.kind, r.subject_id, r.title, r.body, r.scope_kind,"
            + " array_to_string(r.scope_ids, ','), r.cron, r.fire_at, array_to_string(r.leads, ','), r.urgent,"
            + " r.status, r.created_by, r.created_at,"
            + " (select min(o.due_at) from reminder_occurrence o where o.reminder_id = r.id and o.status = 'DUE')"
            + " from reminder r";
    private static final String OCCURRENCES = "select id, due_at, lead_minutes, status, done_at, audience, queued,"
            + " digested, skip_reason, array_to_string(source_refs, ',') from reminder_occurrence"
            + " where reminder_id = :reminder order by due_at desc, id desc limit :limit";

    private final ElectorateRoster roster;
    private final PushStats stats;
    private final MeetingSchedule meetings;
    private final Clock clock;

    ReminderService(ElectorateRoster roster, PushStats stats, MeetingSchedule meetings, Clock clock) {
        this.roster = roster;
        this.stats = stats;
        this.meetings = meetings;
        this.clock = clock;
    }

    public Uni<ReminderView> create(long communityId, Reach reach, ReminderDraft draft) {
        Instant now = clock.instant();
        boolean once = draft.fireAt() != null;
        boolean recurring = draft.cron() != null && !draft.cron().isBlank();
        if (once == recurring) {
            throw Problem.badRequest("REMINDER_SCHEDULE_REQUIRED");
        }
        Instant first;
        if (once) {
            first = draft.fireAt().toInstant();
            if (!first.isAfter(now)) {
                throw Problem.badRequest("REMINDER_TIME_PAST");
            }
        } else {
            first = Schedule.parse(draft.cron(), clock.getZone()).next(now)
                    .orElseThrow(() -> Problem.badRequest("REMINDER_CRON_NEVER"));
        }
        return Panache.withTransaction(() -> checkScope(communityId, draft.scope(), reach)
                .chain(() -> NativeSql.of("insert into reminder (community_id, kind, title, body, scope_kind, scope_ids,"
                                + " cron, fire_at, urgent, created_by, created_at) values (:community, 'CUSTOM', :title,"
                                + " :body, :scopeKind, string_to_array(:ids, ',')::bigint[], :cron, :fireAt, :urgent,"
                                + " :staff, :now) returning id")
                        .param("community", communityId).param("title", draft.title().strip())
                        .param("body", draft.body() == null || draft.body().isBlank() ? null : draft.body().strip())
                        .param("scopeKind", draft.scope().kind().name())
                        .param("ids", join(draft.scope().targetIds()))
                        .param("cron", recurring ? draft.cron().strip() : null)
                        .param("fireAt", once ? draft.fireAt() : null)
                        .param("urgent", Boolean.TRUE.equals(draft.urgent()))
                        .param("staff", reach.staffId()).param("now", utc(now)).number())
                .call(id -> occur(id, first, null)))
                .chain(id -> view(communityId, id, reach));
    }

    /** ADMIN and COMMITTEE see every reminder of the community; grid workers and building leaders their own. */
    public Uni<List<ReminderView>> list(long communityId, Reach reach, String status) {
        NativeSql sql = NativeSql.of(COLUMNS + " where r.community_id = :community");
        if (!reach.whole()) {
            sql.append(" and r.created_by = :staff").param("staff", reach.staffId());
        }
        if (status != null && !status.isBlank()) {
            sql.append(" and r.status = :status").param("status", status.strip().toUpperCase(java.util.Locale.ROOT));
        }
        return Panache.withSession(() -> sql.append(" order by r.id desc limit 200").param("community", communityId)
                .rows().chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> withOccurrences(r, 1)).collect().asList()));
    }

    public Uni<ReminderView> view(long communityId, long reminderId, Reach reach) {
        NativeSql sql = NativeSql.of(COLUMNS + " where r.community_id = :community and r.id = :id")
                .param("community", communityId).param("id", reminderId);
        if (!reach.whole()) {
            sql.append(" and r.created_by = :staff").param("staff", reach.staffId());
        }
        return Panache.withSession(() -> sql.rows()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().failure(Problem.notFound("REMINDER_NOT_FOUND"))
                        : withOccurrences(rows.get(0), 50)));
    }

    /** The creator or a whole-community role; its waiting occurrences are cancelled with it. */
    public Uni<ReminderView> cancel(long communityId, long reminderId, Reach reach) {
        return Panache.withTransaction(() -> NativeSql.of("select created_by, status, kind from reminder"
                        + " where community_id = :community and id = :id for update")
                .param("community", communityId).param("id", reminderId).rows()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw Problem.notFound("REMINDER_NOT_FOUND");
                    }
                    Object[] r = rows.get(0);
                    if (!"ACTIVE".equals(r[1])) {
                        throw Problem.conflict("REMINDER_NOT_CANCELLABLE");
                    }
                    boolean own = r[0] != null && NativeSql.id(r[0]) == reach.staffId();
                    if (!reach.whole() && !own) {
                        throw Problem.forbidden("REMINDER_CANCEL_FORBIDDEN");
                    }
                    OffsetDateTime now = utc(clock.instant());
                    return NativeSql.of("update reminder set status = 'CANCELLED', cancelled_at = :now where id = :id")
                            .param("now", now).param("id", reminderId).update()
                            .chain(() -> NativeSql.of("update reminder_occurrence set status = 'CANCELLED',"
                                            + " done_at = :now where reminder_id = :id and status = 'DUE'")
                                    .param("now", now).param("id", reminderId).update());
                }))
                .chain(() -> view(communityId, reminderId, reach));
    }

    /** New leads for a poll's or meeting's reminder; occurrences not yet fired move with them. */
    public Uni<ReminderView> changeLeads(long communityId, long reminderId, Reach reach, List<Duration> leads) {
        String minutes = ReminderLeads.minutes(leads);
        if (!reach.whole()) {
            throw Problem.forbidden("REMINDER_CANCEL_FORBIDDEN");
        }
        return Panache.withTransaction(() -> NativeSql.of("update reminder set leads = string_to_array(:leads, ',')::int[]"
                        + " where community_id = :community and id = :id and kind <> 'CUSTOM' and status = 'ACTIVE'"
                        + " returning kind, subject_id")
                .param("leads", minutes).param("community", communityId).param("id", reminderId).rows()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw Problem.notFound("REMINDER_NOT_FOUND");
                    }
                    // A meeting keeps its own reminder times: the planner reads them from there.
                    return ReminderKind.MEETING.name().equals(rows.get(0)[0])
                            ? meetings.changeReminderLeads(NativeSql.id(rows.get(0)[1]), minutes)
                            : Uni.createFrom().voidItem();
                })
                // Planned occurrences of dropped leads go; the next planning pass adds the new ones.
                .chain(() -> NativeSql.of("update reminder_occurrence set status = 'CANCELLED', done_at = :now,"
                                + " skip_reason = '提前时间已修改' where reminder_id = :id and status = 'DUE'"
                                + " and not (lead_minutes = any(string_to_array(:leads, ',')::int[]))")
                        .param("now", utc(clock.instant())).param("id", reminderId).param("leads", minutes).update()))
                .chain(() -> view(communityId, reminderId, reach));
    }

    /** One occurrence, once: a second insert of the same (reminder, time) does nothing. */
    static Uni<Integer> occur(long reminderId, Instant dueAt, Integer leadMinutes) {
        return NativeSql.of("insert into reminder_occurrence (reminder_id, due_at, lead_minutes) values (:reminder,"
                        + " :due, :lead) on conflict (reminder_id, due_at) do nothing")
                .param("reminder", reminderId).param("due", utc(dueAt)).param("lead", leadMinutes).update();
    }

    private Uni<Void> checkScope(long communityId, ReminderDraft.Scope scope, Reach reach) {
        List<Long> ids = scope.targetIds();
        if (scope.kind() == ReminderDraft.ScopeKind.COMMUNITY) {
            if (!ids.isEmpty()) {
                throw Problem.badRequest("REMINDER_SCOPE_INVALID");
            }
            if (!reach.whole()) {
                throw Problem.forbidden("REMINDER_SCOPE_FORBIDDEN");
            }
            return Uni.createFrom().voidItem();
        }
        if (ids.isEmpty()) {
            throw Problem.badRequest("REMINDER_SCOPE_EMPTY");
        }
        return roster.targets(communityId, scope.kind().name(), ids).invoke(targets -> {
            if (targets.size() < ids.size()) {
                throw Problem.badRequest("REMINDER_TARGET_NOT_FOUND", ids.size() - targets.size());
            }
            for (ElectorateRoster.Target t : targets) {
                boolean covered = scope.kind() == ReminderDraft.ScopeKind.GRIDS ? reach.coversGrid(t.id())
                        : reach.coversBuilding(t.buildingId(), t.gridId());
                if (!covered) {
                    throw Problem.forbidden("REMINDER_SCOPE_FORBIDDEN");
                }
            }
        }).replaceWithVoid();
    }

    private Uni<ReminderView> withOccurrences(Object[] r, int limit) {
        long id = NativeSql.id(r[0]);
        return NativeSql.of(OCCURRENCES).param("reminder", id).param("limit", limit).rows()
                .chain(rows -> {
                    Map<Long, List<String>> refs = new LinkedHashMap<>();
                    rows.forEach(o -> refs.put(NativeSql.id(o[0]), split((String) o[9])));
                    List<String> all = refs.values().stream().flatMap(List::stream).toList();
                    Uni<Map<String, PushStats.Figures>> figures = all.isEmpty() ? Uni.createFrom().item(Map.of())
                            : stats.forSources(all);
                    return figures.map(f -> {
                        List<ReminderView.Occurrence> occurrences = new ArrayList<>();
                        for (Object[] o : rows) {
                            occurrences.add(new ReminderView.Occurrence(NativeSql.id(o[0]), NativeSql.time(o[1]),
                                    integer(o[2]), (String) o[3], NativeSql.time(o[4]), integer(o[5]), integer(o[6]),
                                    integer(o[7]), (String) o[8], delivery(refs.get(NativeSql.id(o[0])), f)));
                        }
                        return new ReminderView(id, ReminderKind.valueOf((String) r[1]),
                                r[2] == null ? null : NativeSql.id(r[2]), (String) r[3], (String) r[4], (String) r[5],
                                split((String) r[6]).stream().map(Long::valueOf).toList(), (String) r[7],
                                NativeSql.time(r[8]), split((String) r[9]).stream().map(Integer::valueOf).toList(),
                                (Boolean) r[10], (String) r[11], r[12] == null ? null : NativeSql.id(r[12]),
                                NativeSql.time(r[13]), NativeSql.time(r[14]), occurrences);
                    });
                });
    }

    private static ReminderView.Delivery delivery(List<String> refs, Map<String, PushStats.Figures> figures) {
        long total = 0, sent = 0, inApp = 0, pending = 0, dead = 0, cancelled = 0;
        for (String ref : refs) {
            PushStats.Figures f = figures.get(ref);
            if (f != null) {
                total += f.total();
                sent += f.count(DeliveryStatus.SENT);
                inApp += f.count(DeliveryStatus.IN_APP);
                pending += f.count(DeliveryStatus.PENDING);
                dead += f.count(DeliveryStatus.DEAD);
                cancelled += f.count(DeliveryStatus.CANCELLED);
            }
        }
        return new ReminderView.Delivery(total, sent, inApp, pending, dead, cancelled);
    }

    static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
