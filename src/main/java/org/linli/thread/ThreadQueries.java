package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.CommunityService;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading threads: the staff queue and detail, the resident's views and the public 公示 list. */
@ApplicationScoped
public class ThreadQueries {

    private static final String OPEN = ThreadStatus.OPEN_SQL;
    private static final String QUEUE_COLUMNS = "t.id, t.ref_no, t.status, t.category, t.urgency, t.visibility,"
            + " t.moderation, t.description, t.building_id, t.grid_id, t.assignee_staff_id, t.routed_staff_id,"
            + " t.support_count, t.created_at, t.accept_due_at, t.resolve_due_at, t.escalated_at";

    private final Clock clock;
    private final ThreadConfig config;
    private final ThreadParticipation participation;
    private final Duplicates duplicates;
    private final CommunityService communities;

    private final ThreadSettings rules;
    private final HolidayUploads holidays;

    ThreadQueries(Clock clock, ThreadConfig config, ThreadParticipation participation, Duplicates duplicates,
                  CommunityService communities, ThreadSettings rules, HolidayUploads holidays) {
        this.rules = rules;
        this.holidays = holidays;
        this.clock = clock;
        this.config = config;
        this.participation = participation;
        this.duplicates = duplicates;
        this.communities = communities;
    }

    // --- staff ------------------------------------------------------------------------------------------------------

    public Uni<ThreadViews.Slice<ThreadViews.QueueItem>> queue(long communityId, Actor actor, QueueFilter f) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int limit = Math.max(1, Math.min(f.limit() <= 0 ? 20 : f.limit(), 200));
        NativeSql sql = NativeSql.of("select " + QUEUE_COLUMNS + " from consultation_thread t where t.community_id = :c"
                + " and t.status <> 'DRAFT'").param("c", communityId);
        sql.append(" and " + actor.reachCondition(sql));
        if (f.status() != null) {
            sql.append(" and t.status = :status").param("status", f.status().name());
        }
        if (f.gridId() != null) {
            sql.append(" and t.grid_id = :grid").param("grid", f.gridId());
        }
        if (f.category() != null && !f.category().isBlank()) {
            sql.append(" and t.category = :category").param("category", f.category().strip());
        }
        if (f.assignee() != null) {
            sql.append(" and (t.assignee_staff_id = :assignee or (t.assignee_staff_id is null"
                    + " and t.routed_staff_id = :assignee))").param("assignee", f.assignee());
        }
        if (f.moderation() != null) {
            sql.append(" and t.moderation = :moderation").param("moderation", f.moderation().name());
        }
        if (f.escalated() != null) {
            sql.append(f.escalated() ? " and t.escalated_at is not null" : " and t.escalated_at is null");
        }
        if (f.overdue() != null) {
            String overdue = "((t.status = 'SUBMITTED' and t.accept_due_at < cast(:now as timestamptz))"
                    + " or (t.status in ('ACCEPTED', 'DELIBERATING', 'IN_PROGRESS')"
                    + " and t.resolve_due_at < cast(:now as timestamptz)))";
            sql.append(f.overdue() ? " and " + overdue : " and not " + overdue).param("now", now);
        }
        if (f.cursor() != null && !f.cursor().isBlank()) {
            String[] c = decode(f.cursor());
            if (f.bySupport()) {
                sql.append(" and (t.support_count, t.id) < (:cs, :cid)").param("cs", Integer.parseInt(c[0]));
            } else {
                sql.append(" and (t.created_at, t.id) < (cast(:ct as timestamptz), :cid)")
                        .param("ct", Instant.ofEpochSecond(0, Long.parseLong(c[0]) * 1000).atOffset(ZoneOffset.UTC));
            }
            sql.param("cid", Long.parseLong(c[1]));
        }
        sql.append(f.bySupport() ? " order by t.support_count desc, t.id desc" : " order by t.created_at desc, t.id desc")
                .append(" limit :limit").param("limit", limit + 1);
        return Panache.withSession(sql::rows).map(rows -> {
            List<ThreadViews.QueueItem> items = new ArrayList<>();
            for (int i = 0; i < Math.min(rows.size(), limit); i++) {
                items.add(queueItem(rows.get(i), now));
            }
            String next = null;
            if (rows.size() > limit) {
                ThreadViews.QueueItem last = items.get(items.size() - 1);
                next = f.bySupport() ? encode(last.supportCount(), last.id())
                        : encode(micros(last.createdAt()), last.id());
            }
            return new ThreadViews.Slice<>(items, next);
        });
    }

    private static ThreadViews.QueueItem queueItem(Object[] r, OffsetDateTime now) {
        ThreadStatus status = ThreadStatus.valueOf((String) r[2]);
        OffsetDateTime acceptDue = NativeSql.time(r[14]);
        OffsetDateTime resolveDue = NativeSql.time(r[15]);
        boolean overdue = (status == ThreadStatus.SUBMITTED && acceptDue != null && acceptDue.isBefore(now))
                || (status.open() && status != ThreadStatus.SUBMITTED && resolveDue != null && resolveDue.isBefore(now));
        return new ThreadViews.QueueItem(NativeSql.id(r[0]), (String) r[1], status.name(), status.label(), (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], ThreadPushes.excerpt((String) r[7], 60), optId(r[8]),
                optId(r[9]), optId(r[10]), optId(r[11]), ((Number) r[12]).intValue(), NativeSql.time(r[13]), acceptDue,
                resolveDue, overdue, r[16] != null);
    }

    public Uni<ThreadViews.Detail> staffDetail(long communityId, long threadId, Actor actor) {
        return Panache.withSession(() -> ThreadWorkflow.load(communityId, threadId, actor)
                .chain(t -> detail(t, null, true).chain(d -> t.status.open()
                        ? duplicates.forStaff(t).map(s -> withSuggestions(d, s)) : Uni.createFrom().item(d))));
    }

    public Uni<ThreadViews.Today> today(long communityId, Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        NativeSql sql = NativeSql.of("select count(*) filter (where t.submitted_at >= cast(:midnight as timestamptz)),"
                        + " count(*) filter (where t.status = 'SUBMITTED'),"
                        + " count(*) filter (where (t.status = 'SUBMITTED' and t.accept_due_at < cast(:now as timestamptz))"
                        + " or (t.status in ('ACCEPTED', 'DELIBERATING', 'IN_PROGRESS')"
                        + " and t.resolve_due_at < cast(:now as timestamptz)))"
                        + " from consultation_thread t where t.community_id = :c and t.status <> 'DRAFT'")
                .param("c", communityId).param("now", now)
                .param("midnight", now.atZoneSameInstant(SlaClock.ZONE).toLocalDate().atStartOfDay(SlaClock.ZONE).toOffsetDateTime());
        sql.append(" and " + actor.reachCondition(sql));
        return Panache.withSession(sql::rows).map(rows -> {
            Object[] r = rows.get(0);
            return new ThreadViews.Today(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue());
        });
    }

    /** The community's rules, the holiday calendar and the other thread settings in force. */
    public Uni<ThreadViews.Settings> settings(long communityId) {
        return rules.rules(communityId).chain(r -> holidays.inForce().map(calendar -> new ThreadViews.Settings(r,
                calendar, config.ratingDays(), config.reportsToHide(), config.duplicates().threshold())));
    }

    /** The categories residents of the community choose from, in their order. */
    public Uni<List<String>> categories(long communityId) {
        return rules.rules(communityId).map(ThreadRules::categories);
    }

    /** The lifecycle moves this staff member may make on the thread now (what the console offers as buttons). */
    public Uni<Set<ThreadAction>> staffMoves(long communityId, long threadId, Actor actor) {
        return Panache.withSession(() -> ThreadWorkflow.load(communityId, threadId, actor)).map(t -> {
            Set<Lifecycle.Party> parties = actor.partiesFor(t);
            Set<ThreadAction> moves = EnumSet.noneOf(ThreadAction.class);
            Lifecycle.RULES.forEach((action, rule) -> {
                if (rule.from().contains(t.status) && parties.stream().anyMatch(rule.by()::contains)
                        && !(action == ThreadAction.ESCALATE && t.escalatedAt != null)) {
                    moves.add(action);
                }
            });
            return moves;
        });
    }

    private static ThreadViews.Detail withSuggestions(ThreadViews.Detail d, List<Candidate> s) {
        return new ThreadViews.Detail(d.id(), d.refNo(), d.communityId(), d.status(), d.statusLabel(), d.category(),
                d.urgency(), d.visibility(), d.moderation(), d.description(), d.locationText(), d.buildingId(),
                d.gridId(), d.assigneeStaffId(), d.routedStaffId(), d.mine(), d.supported(), d.supportCount(),
                d.createdAt(), d.submittedAt(), d.acceptedAt(), d.resolvedAt(), d.closedAt(), d.acceptDueAt(),
                d.resolveDueAt(), d.overdue(), d.complexity(), d.result(), d.rejectReason(), d.escalated(),
                d.mergedIntoRef(), d.reopenCount(), d.pollId(), d.canRate(), d.myRating(), d.photos(), d.timeline(),
                d.comments(), s);
    }

    /** Threads flagged 上报街道, as CSV for the street office's own system. */
    public Uni<String> escalatedCsv(long communityId, Actor actor) {
        NativeSql sql = NativeSql.of("select t.ref_no, t.category, t.urgency, t.status, t.description, t.location_text,"
                + " t.submitted_at, t.escalated_at, t.support_count from consultation_thread t"
                + " where t.community_id = :c and t.escalated_at is not null").param("c", communityId);
        sql.append(" and " + actor.reachCondition(sql)).append(" order by t.escalated_at, t.id");
        return Panache.withSession(sql::rows).map(rows -> Csv.of(
                List.of("编号", "类别", "紧急程度", "状态", "内容", "地点", "提交时间", "上报时间", "附议数"),
                rows.stream().map(r -> List.<Object>of(r[0], r[1], "URGENT".equals(r[2]) ? "紧急" : "一般",
                        ThreadStatus.valueOf((String) r[3]).label(), ContentSafety.mask((String) r[4]),
                        r[5] == null ? "" : r[5], NativeSql.time(r[6]), NativeSql.time(r[7]), r[8])).toList()));
    }

    public Uni<List<ThreadViews.Alert>> alerts(long staffId) {
        return Panache.withSession(() -> NativeSql.of("select a.id, a.thread_id, t.ref_no, a.kind, a.note, a.created_at,"
                        + " a.seen_at from thread_staff_alert a join consultation_thread t on t.id = a.thread_id"
                        + " where a.staff_id = :s order by a.id desc limit 100").param("s", staffId).rows())
                .map(rows -> rows.stream().map(r -> new ThreadViews.Alert(NativeSql.id(r[0]), NativeSql.id(r[1]), (String) r[2],
                        (String) r[3], (String) r[4], NativeSql.time(r[5]), r[6] != null)).toList());
    }

    static String queueCsv(List<ThreadViews.QueueItem> items) {
        return Csv.of(List.of("编号", "状态", "类别", "紧急程度", "公开", "内容", "楼栋ID", "网格ID", "负责人ID", "附议数",
                        "提交时间", "受理时限", "办结时限", "超时", "已上报街道"),
                items.stream().map(i -> List.<Object>of(i.refNo(), i.statusLabel(), i.category(),
                        "URGENT".equals(i.urgency()) ? "紧急" : "一般", "PUBLIC".equals(i.visibility()) ? "公开" : "不公开",
                        i.excerpt(), opt(i.buildingId()), opt(i.gridId()), opt(i.assigneeStaffId()), i.supportCount(),
                        i.createdAt(), opt(i.acceptDueAt()), opt(i.resolveDueAt()), i.overdue() ? "是" : "否",
                        i.escalated() ? "是" : "否")).toList());
    }

    // --- residents --------------------------------------------------------------------------------------------------

    public Uni<ThreadViews.Detail> residentDetail(long residentId, long threadId) {
        return participation.visible(residentId, threadId)
                .chain(t -> Panache.withSession(() -> detail(t, residentId, false)));
    }

    public Uni<List<ThreadViews.Line>> mine(long residentId) {
        return Panache.withSession(() -> NativeSql.of("select t.id, t.ref_no, t.status, t.category, t.description,"
                        + " t.support_count, t.created_at from consultation_thread t where t.resident_id = :r"
                        + " order by t.created_at desc, t.id desc limit 100").param("r", residentId).rows())
                .map(rows -> rows.stream().map(r -> line(r, true, false)).toList());
    }

    /** Public, visible threads of the communities the resident is verified in; keyset on (created_at, id). */
    public Uni<ThreadViews.Slice<ThreadViews.Line>> publicInScope(long residentId, String cursor, int limit) {
        int size = Math.max(1, Math.min(limit <= 0 ? 20 : limit, 100));
        return participation.scopeOf(residentId).chain(scope -> {
            if (scope.isEmpty()) {
                return Uni.createFrom().item(new ThreadViews.Slice<ThreadViews.Line>(List.of(), null));
            }
            NativeSql sql = NativeSql.of("select t.id, t.ref_no, t.status, t.category, t.description, t.support_count,"
                    + " t.created_at, t.resident_id from consultation_thread t where t.community_id in (:scope)"
                    + " and t.visibility = 'PUBLIC' and t.moderation = 'VISIBLE' and t.status <> 'DRAFT'")
                    .param("scope", scope);
            if (cursor != null && !cursor.isBlank()) {
                String[] c = decode(cursor);
                sql.append(" and (t.created_at, t.id) < (cast(:ct as timestamptz), :cid)")
                        .param("ct", Instant.ofEpochSecond(0, Long.parseLong(c[0]) * 1000).atOffset(ZoneOffset.UTC))
                        .param("cid", Long.parseLong(c[1]));
            }
            sql.append(" order by t.created_at desc, t.id desc limit :limit").param("limit", size + 1);
            return Panache.withSession(sql::rows).map(rows -> {
                List<ThreadViews.Line> items = new ArrayList<>();
                for (int i = 0; i < Math.min(rows.size(), size); i++) {
                    Object[] r = rows.get(i);
                    items.add(line(r, NativeSql.id(r[7]) == residentId, true));
                }
                ThreadViews.Line last = items.isEmpty() ? null : items.get(items.size() - 1);
                return new ThreadViews.Slice<>(items, rows.size() > size && last != null
                        ? encode(micros(last.createdAt()), last.id()) : null);
            });
        });
    }

    private static ThreadViews.Line line(Object[] r, boolean mine, boolean masked) {
        ThreadStatus s = ThreadStatus.valueOf((String) r[2]);
        String text = (String) r[4];
        return new ThreadViews.Line(NativeSql.id(r[0]), (String) r[1], s.name(), s.label(), (String) r[3],
                mine && !masked ? excerptPlain(text) : ThreadPushes.excerpt(text, 60), ((Number) r[5]).intValue(), mine,
                NativeSql.time(r[6]));
    }

    private static String excerptPlain(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 59) + "…";
    }

    // --- 公示 ------------------------------------------------------------------------------------------------------

    /** Closed public threads of a community: category, result, rating; no names, numbers masked. */
    public Uni<List<ThreadViews.Published>> published(String communityCode, int limit) {
        int size = Math.max(1, Math.min(limit <= 0 ? 50 : limit, 200));
        return communities.byCode(communityCode).chain(c -> Panache.withSession(() -> NativeSql.of(
                        "select t.ref_no, t.category, t.description, t.result_text, avg(r.score), count(r.score),"
                                + " t.resolved_at, t.closed_at from consultation_thread t left join thread_rating r"
                                + " on r.thread_id = t.id where t.community_id = :c and t.status = 'CLOSED'"
                                + " and t.visibility = 'PUBLIC' and t.moderation = 'VISIBLE' and t.merged_into_id is null"
                                + " group by t.id order by t.closed_at desc, t.id desc limit :limit")
                .param("c", c.id).param("limit", size).rows()))
                .map(rows -> rows.stream().map(r -> new ThreadViews.Published((String) r[0], (String) r[1],
                        ThreadPushes.excerpt((String) r[2], 60), ContentSafety.mask((String) r[3]),
                        r[4] == null ? null : Math.round(((Number) r[4]).doubleValue() * 10) / 10.0,
                        ((Number) r[5]).intValue(), NativeSql.time(r[6]), NativeSql.time(r[7]))).toList());
    }

    // --- detail -----------------------------------------------------------------------------------------------------

    /** In the caller's session. {@code viewer}: the resident looking (null: staff). */
    private Uni<ThreadViews.Detail> detail(ConsultationThread t, Long viewer, boolean staff) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean mine = viewer != null && viewer.equals(t.residentId);
        // Others see a resident's photo only once WeChat's image check passed it (PhotoChecks).
        Uni<List<ThreadViews.Photo>> photos = NativeSql.of("select id, media_id, url, purpose, source_thread_id, check_status"
                        + " from thread_photo where thread_id = :t"
                        + (staff || mine ? "" : " and check_status = 'PASS'") + " order by id").param("t", t.id).rows()
                .map(rows -> rows.stream().map(r -> new ThreadViews.Photo(NativeSql.id(r[0]), (String) r[1], (String) r[2],
                        (String) r[3], optId(r[4]), (String) r[5])).toList());
        Uni<List<ThreadViews.Event>> events = ThreadEvent.<ThreadEvent>find(staff ? "threadId = ?1 order by at, id"
                        : "threadId = ?1 and internal = false order by at, id", t.id).list()
                .map(list -> list.stream().map(e -> event(e, staff, viewer)).toList());
        Uni<List<ThreadViews.Comment>> comments = comments(t.id, viewer, staff);
        Uni<Boolean> supported = viewer == null ? Uni.createFrom().item(false)
                : NativeSql.of("select count(*) from thread_support where thread_id = :t and resident_id = :r")
                .param("t", t.id).param("r", viewer).number().map(n -> n > 0);
        Uni<Integer> myRating = viewer == null ? Uni.createFrom().nullItem()
                : NativeSql.of("select score from thread_rating where thread_id = :t and resident_id = :r and round = :round")
                .param("t", t.id).param("r", viewer).param("round", t.reopenCount).column()
                .map(s -> s.isEmpty() ? null : ((Number) s.get(0)).intValue());
        Uni<String> mergedInto = t.mergedIntoId == null ? Uni.createFrom().nullItem()
                : NativeSql.of("select ref_no from consultation_thread where id = :id").param("id", t.mergedIntoId).column()
                .map(s -> (String) s.get(0));
        return photos.chain(p -> events.chain(e -> comments.chain(c -> supported.chain(sup -> myRating
                .chain(rating -> mergedInto.map(into -> {
                    boolean inWindow = t.status == ThreadStatus.RESOLVED && t.resolvedAt != null
                            && now.isBefore(t.resolvedAt.plusDays(config.ratingDays()));
                    boolean canRate = viewer != null && inWindow && rating == null && (mine || sup);
                    String description = staff || mine ? t.description : ContentSafety.mask(t.description);
                    return new ThreadViews.Detail(t.id, t.refNo, t.communityId, t.status.name(), t.status.label(),
                            t.category, t.urgency.name(), t.visibility.name(), t.moderation.name(), description,
                            staff || mine ? t.locationText : ContentSafety.mask(t.locationText), t.buildingId,
                            t.gridId, staff ? t.assigneeStaffId : null, staff ? t.routedStaffId : null, mine, sup,
                            t.supportCount, t.createdAt, t.submittedAt, t.acceptedAt, t.resolvedAt, t.closedAt,
                            t.acceptDueAt, t.resolveDueAt, t.overdue(now), t.complexity,
                            staff ? t.resultText : ContentSafety.mask(t.resultText), t.rejectReason,
                            t.escalatedAt != null, into, t.reopenCount, t.pollId, canRate, rating, p, e, c, List.of());
                }))))));
    }

    private static ThreadViews.Event event(ThreadEvent e, boolean staff, Long viewer) {
        String actor = switch (e.actorKind) {
            case SYSTEM -> "系统";
            case STAFF -> (e.actorRole == null ? "工作人员" : e.actorRole) + (e.actorName == null ? "" : " " + e.actorName);
            case RESIDENT -> viewer != null && e.actorId != null && e.actorId.equals(viewer) ? "我" : "居民";
        };
        ThreadStatus to = e.toStatus;
        return new ThreadViews.Event(e.id, e.at, e.kind.name(), to == null ? null : to.name(),
                to == null ? null : to.label(), actor, staff ? e.actorId : null, e.internal,
                staff ? e.note : ContentSafety.mask(e.note));
    }

    private static Uni<List<ThreadViews.Comment>> comments(long threadId, Long viewer, boolean staff) {
        return NativeSql.of("select c.id, c.author_kind, c.author_id, c.body, c.moderation, c.edited_at, c.deleted_at,"
                        + " c.created_at from thread_comment c where c.thread_id = :t order by c.id")
                .param("t", threadId).rows().chain(rows -> (staff ? NativeSql.of("select v.comment_id, v.body from"
                                + " thread_comment_version v join thread_comment c on c.id = v.comment_id"
                                + " where c.thread_id = :t order by v.id").param("t", threadId).rows()
                        : Uni.createFrom().item(List.<Object[]>of())).map(versions -> {
                    Map<Long, List<String>> history = new LinkedHashMap<>();
                    versions.forEach(v -> history.computeIfAbsent(NativeSql.id(v[0]), k -> new ArrayList<>()).add((String) v[1]));
                    List<ThreadViews.Comment> out = new ArrayList<>();
                    for (Object[] r : rows) {
                        long id = NativeSql.id(r[0]);
                        boolean byStaff = "STAFF".equals(r[1]);
                        boolean mine = !byStaff && viewer != null && NativeSql.id(r[2]) == viewer;
                        String moderation = (String) r[4];
                        boolean deleted = r[6] != null;
                        if (!staff && !mine && !"VISIBLE".equals(moderation)) {
                            continue;
                        }
                        String body = deleted && !staff ? null : staff || mine ? (String) r[3] : ContentSafety.mask((String) r[3]);
                        out.add(new ThreadViews.Comment(id, byStaff ? "工作人员" : mine ? "我" : "居民", mine, body,
                                moderation, r[5] != null, deleted, NativeSql.time(r[7]),
                                staff ? history.getOrDefault(id, List.of()) : List.of()));
                    }
                    return out;
                }));
    }

    // --- cursors ----------------------------------------------------------------------------------------------------

    private static String encode(long value, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((value + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            Long.parseLong(parts[0]);
            Long.parseLong(parts[1]);
            return parts;
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("THREAD_CURSOR_INVALID");
        }
    }

    private static long micros(OffsetDateTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    private static Long optId(Object o) {
        return o == null ? null : NativeSql.id(o);
    }

    private static Object opt(Object o) {
        return o == null ? "" : o;
    }
}
