package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.identity.StaffService;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every lifecycle move after submission. Each one: load, ask {@link Lifecycle}, then a conditional UPDATE on the
 * version just read (0 rows → someone else moved first → 409 with the state they left), the timeline event, the
 * pushes to raiser and supporters and the assignee's alert, all in one transaction.
 */
@ApplicationScoped
public class ThreadWorkflow {

    /** An internal note's length, as the lifecycle's notes ({@link StaffMove}). */
    static final int NOTE_MAX = 500;

    private final Clock clock;
    private final ThreadConfig config;
    private final SlaClock sla;
    private final Timeline timeline;
    private final ThreadPushes pushes;
    private final StaffService staff;
    private final ThreadSettings settings;

    ThreadWorkflow(Clock clock, ThreadConfig config, SlaClock sla, Timeline timeline, ThreadPushes pushes,
                   StaffService staff, ThreadSettings settings) {
        this.clock = clock;
        this.config = config;
        this.sla = sla;
        this.timeline = timeline;
        this.pushes = pushes;
        this.staff = staff;
        this.settings = settings;
    }

    /** Column assignments of one conditional UPDATE. */
    private static final class Change {
        final List<String> sets = new ArrayList<>();
        final Map<String, Object> params = new LinkedHashMap<>();

        Change value(String column, Object value) {
            sets.add(column + " = :" + column);
            params.put(column, value);
            return this;
        }

        Change time(String column, OffsetDateTime value) {
            sets.add(column + " = cast(:" + column + " as timestamptz)");
            params.put(column, value);
            return this;
        }

        Change raw(String assignment) {
            sets.add(assignment);
            return this;
        }
    }

    /** A staff member's move on a thread of their community; answers the thread id. */
    public Uni<Long> act(long communityId, long threadId, Actor actor, ThreadAction action, StaffMove move) {
        StaffMove m = move == null ? StaffMove.empty() : move;
        OffsetDateTime now = OffsetDateTime.now(clock);
        return validate(communityId, action, m).chain(() -> settings.rules(communityId))
                .chain(rules -> Panache.withTransaction(() -> load(communityId, threadId, actor)
                .chain(t -> {
                    ThreadStatus to = Lifecycle.check(action, t.status, actor.partiesFor(t));
                    Change c = new Change();
                    String note = ThreadService.blankToNull(m.note());
                    Long alertStaff = null;
                    ThreadEventKind kind;
                    switch (action) {
                        case ACCEPT -> {
                            kind = ThreadEventKind.ACCEPTED;
                            alertStaff = null; // the acceptor is the assignee: 首接负责
                            c.value("assignee_staff_id", actor.id()).time("accepted_at", now)
                                    .time("round_started_at", now)
                                    .value("complexity", m.complex() ? "COMPLEX" : "NORMAL")
                                    .time("resolve_due_at", sla.resolveDue(rules, t.category, t.urgent(), m.complex(),
                                            now));
                        }
                        case REJECT -> {
                            kind = ThreadEventKind.REJECTED;
                            note = m.reason().strip();
                            c.value("reject_reason", note).time("closed_at", now);
                        }
                        case DELIBERATE -> {
                            kind = ThreadEventKind.DELIBERATING;
                            if (m.pollId() != null) {
                                c.value("poll_id", m.pollId());
                            }
                        }
                        case START -> kind = ThreadEventKind.STARTED;
                        case RESOLVE -> {
                            kind = ThreadEventKind.RESOLVED;
                            note = m.result().strip();
                            c.value("result_text", note).time("resolved_at", now);
                        }
                        case CLOSE -> {
                            kind = ThreadEventKind.CLOSED;
                            c.time("closed_at", now);
                        }
                        case TRANSFER -> {
                            kind = ThreadEventKind.TRANSFERRED;
                            if (m.assigneeStaffId() != null) {
                                alertStaff = m.assigneeStaffId();
                                c.value(t.status == ThreadStatus.SUBMITTED ? "routed_staff_id" : "assignee_staff_id",
                                        m.assigneeStaffId());
                            }
                            if (m.gridId() != null) {
                                c.value("grid_id", m.gridId());
                            }
                        }
                        case ESCALATE -> {
                            kind = ThreadEventKind.ESCALATED;
                            if (t.escalatedAt != null) {
                                throw Problem.conflict("THREAD_ALREADY_ESCALATED");
                            }
                            c.time("escalated_at", now);
                        }
                        case MERGE -> {
                            kind = ThreadEventKind.MERGED;
                            c.value("merged_into_id", m.targetThreadId()).time("closed_at", now);
                        }
                        default -> throw Problem.badRequest("THREAD_ACTION_UNKNOWN");
                    }
                    String finalNote = note;
                    Long finalAlert = alertStaff;
                    Uni<ConsultationThread> target = action == ThreadAction.MERGE
                            ? mergeTarget(t, m.targetThreadId(), actor) : Uni.createFrom().nullItem();
                    return target.chain(into -> update(t, to, c)
                            .chain(() -> timeline.record(t.id, actor, kind, t.status, to,
                                    into == null ? finalNote : "合并到 " + into.refNo
                                            + (finalNote == null ? "" : "：" + finalNote), false, now))
                            .call(event -> to != t.status || action == ThreadAction.MERGE
                                    ? pushes.stateChanged(t, to, event, event.note) : Uni.createFrom().voidItem())
                            .call(() -> timeline.alert(finalAlert, t.id, action.name(), t.refNo, now))
                            .call(() -> into == null ? Uni.createFrom().voidItem() : carryOver(t, into, actor, now)))
                            .map(x -> t.id);
                })))
                .invoke(id -> Log.infof("Thread %d: %s by staff %d", id, action, actor.id()));
    }

    private Uni<Void> validate(long communityId, ThreadAction action, StaffMove m) {
        if (action == ThreadAction.REJECT && ThreadService.blankToNull(m.reason()) == null) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_REASON_REQUIRED"));
        }
        if (action == ThreadAction.RESOLVE && ThreadService.blankToNull(m.result()) == null) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_RESULT_REQUIRED"));
        }
        if (action == ThreadAction.MERGE && m.targetThreadId() == null) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_MERGE_TARGET_REQUIRED"));
        }
        if (action == ThreadAction.TRANSFER) {
            if (m.assigneeStaffId() == null && m.gridId() == null) {
                return Uni.createFrom().failure(Problem.badRequest("THREAD_TRANSFER_TARGET_REQUIRED"));
            }
            if (m.assigneeStaffId() != null) {
                return Panache.withSession(() -> staff.inCommunity(communityId)).invoke(list -> {
                    if (list.stream().noneMatch(s -> s.id.equals(m.assigneeStaffId()))) {
                        throw Problem.badRequest("THREAD_TRANSFER_TARGET_UNKNOWN");
                    }
                }).replaceWithVoid();
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The conditional write: only if nobody changed the thread since it was read. */
    private Uni<Void> update(ConsultationThread t, ThreadStatus to, Change c) {
        NativeSql sql = NativeSql.of("update consultation_thread set status = :to, version = version + 1");
        c.sets.forEach(s -> sql.append(", " + s));
        sql.append(" where id = :id and version = :v").param("to", to.name()).param("id", t.id).param("v", t.version);
        c.params.forEach(sql::param);
        return sql.update().chain(n -> n == 1 ? Uni.createFrom().voidItem()
                : NativeSql.of("select status from consultation_thread where id = :id").param("id", t.id).column()
                .map(s -> {
                    throw Lifecycle.conflict(ThreadStatus.valueOf((String) s.get(0)));
                }));
    }

    private Uni<ConsultationThread> mergeTarget(ConsultationThread dup, long targetId, Actor actor) {
        return ConsultationThread.<ConsultationThread>find("id = ?1 and communityId = ?2", targetId, dup.communityId)
                .firstResult().map(into -> {
                    if (into == null || into.id.equals(dup.id) || !actor.reaches(into)) {
                        throw Problem.badRequest("THREAD_MERGE_TARGET_UNKNOWN");
                    }
                    if (!into.status.open()) {
                        throw Problem.conflict("THREAD_MERGE_TARGET_CLOSED", into.refNo, into.status.label());
                    }
                    return into;
                });
    }

    /** Supporters (and the duplicate's raiser), comments and photos move to the kept thread; its raiser is told. */
    private Uni<Void> carryOver(ConsultationThread dup, ConsultationThread into, Actor actor, OffsetDateTime now) {
        return NativeSql.of("insert into thread_support (thread_id, resident_id, created_at)"
                        + " select cast(:into as bigint), resident_id, created_at from thread_support where thread_id = :dup"
                        + " union all select cast(:into as bigint), cast(:raiser as bigint), cast(:now as timestamptz)"
                        + " on conflict do nothing")
                .param("into", into.id).param("dup", dup.id).param("raiser", dup.residentId).param("now", now).update()
                .chain(() -> NativeSql.of("delete from thread_support where thread_id = :into and resident_id = :raiser")
                        .param("into", into.id).param("raiser", into.residentId).update())
                .chain(() -> NativeSql.of("update consultation_thread set support_count = (select count(*) from"
                        + " thread_support where thread_id = :into) where id = :into").param("into", into.id).update())
                .chain(() -> NativeSql.of("update thread_comment set thread_id = :into where thread_id = :dup")
                        .param("into", into.id).param("dup", dup.id).update())
                .chain(() -> NativeSql.of("insert into thread_photo (thread_id, media_id, url, purpose, source_thread_id,"
                                + " check_status, check_trace_id, check_attempts, check_attempted_at, created_at)"
                                + " select :into, media_id, url, purpose, thread_id, check_status, check_trace_id,"
                                + " check_attempts, check_attempted_at, created_at from thread_photo where thread_id = :dup")
                        .param("into", into.id).param("dup", dup.id).update())
                .chain(() -> timeline.record(into.id, actor, ThreadEventKind.MERGED_IN, into.status, into.status,
                        dup.refNo + " 已合并到本事项", false, now))
                .chain(event -> pushes.stateChanged(into, into.status, event, dup.refNo + " 已合并到本事项"))
                .replaceWithVoid();
    }

    /** An internal note: staff only, any state, never pushed; at most {@value #NOTE_MAX} characters. */
    public Uni<Long> note(long communityId, long threadId, Actor actor, String text) {
        if (ThreadService.blankToNull(text) == null) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_NOTE_REQUIRED"));
        }
        if (text.strip().length() > NOTE_MAX) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_NOTE_TOO_LONG", NOTE_MAX));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> load(communityId, threadId, actor)
                .chain(t -> timeline.record(t.id, actor, ThreadEventKind.NOTE, null, null, text.strip(), true, now))
                .map(e -> threadId));
    }

    /**
     * 重新办理: the raiser, after rating the current round ≤ 2, once per thread → IN_PROGRESS, same assignee, a
     * new resolve clock from now.
     */
    public Uni<Long> reopen(long residentId, long threadId, String note) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Actor me = Actor.resident(residentId);
        return Panache.withTransaction(() -> ConsultationThread.<ConsultationThread>findById(threadId).chain(t -> {
            if (t == null || (t.residentId != residentId && !t.shownToOthers())) {
                throw Problem.notFound("THREAD_NOT_FOUND");
            }
            ThreadStatus to = Lifecycle.check(ThreadAction.REOPEN, t.status, me.partiesFor(t));
            if (t.reopenCount > 0) {
                throw Problem.conflict("THREAD_REOPEN_USED");
            }
            return NativeSql.of("select score from thread_rating where thread_id = :t and resident_id = :r and round = :round")
                    .param("t", t.id).param("r", residentId).param("round", t.reopenCount).column()
                    .chain(scores -> settings.rules(t.communityId).chain(rules -> {
                        if (scores.isEmpty() || ((Number) scores.get(0)).intValue() > 2) {
                            throw Problem.conflict("THREAD_REOPEN_NOT_ALLOWED");
                        }
                        Change c = new Change().raw("reopen_count = reopen_count + 1").time("round_started_at", now)
                                .raw("resolved_at = null")
                                .time("resolve_due_at", sla.resolveDue(rules, t.category, t.urgent(),
                                        "COMPLEX".equals(t.complexity), now));
                        String text = ThreadService.blankToNull(note);
                        return update(t, to, c)
                                .chain(() -> timeline.record(t.id, me, ThreadEventKind.REOPENED, t.status, to,
                                        text == null ? "居民申请重新办理" : text, false, now))
                                .call(event -> pushes.stateChanged(t, to, event, "重新办理"))
                                .call(() -> timeline.alert(t.assigneeStaffId, t.id, "REOPENED", t.refNo, now))
                                .map(e -> t.id);
                    }));
        }));
    }

    /** RESOLVED threads whose rating window is over become CLOSED; answers how many. */
    public Uni<Integer> closeExpired() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minusDays(config.ratingDays());
        return Panache.withSession(() -> NativeSql.of("select id, community_id from consultation_thread where status ="
                        + " 'RESOLVED' and resolved_at < cast(:cutoff as timestamptz) order by id limit 500")
                .param("cutoff", cutoff).rows())
                .chain(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Object[] r : rows) {
                        long id = NativeSql.id(r[0]);
                        long community = NativeSql.id(r[1]);
                        chain = chain.chain(n -> act(community, id, Actor.system(), ThreadAction.CLOSE, null)
                                .map(x -> n + 1)
                                .onFailure(Problem.class).recoverWithItem(n));
                    }
                    return chain;
                });
    }

    @Scheduled(every = "${linli.thread.close-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeExpiredJob() throws Throwable {
        int closed = VertxContextSupport.subscribeAndAwait(this::closeExpired);
        if (closed > 0) {
            Log.infof("Closed %d threads whose rating window ended", closed);
        }
    }

    /** The thread if it is in this community and the staff member reaches it; else 404 as if it did not exist. */
    static Uni<ConsultationThread> load(long communityId, long threadId, Actor actor) {
        return ConsultationThread.<ConsultationThread>find("id = ?1 and communityId = ?2", threadId, communityId)
                .firstResult().map(t -> {
                    if (t == null || (actor.isStaff() && !actor.reaches(t)) || t.status == ThreadStatus.DRAFT) {
                        throw Problem.notFound("THREAD_NOT_FOUND");
                    }
                    return t;
                });
    }
}
