package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** What residents do on threads besides raising them: 附议, comments, reports, ratings; and staff moderation. */
@ApplicationScoped
public class ThreadParticipation {

    /** thread_moderation.reason is VARCHAR(500). */
    static final int MODERATION_REASON_MAX = 500;

    private final Clock clock;
    private final ThreadConfig config;
    private final Timeline timeline;
    private final ContentSafety safety;
    private final MembershipService memberships;
    private final ThreadSettings settings;

    ThreadParticipation(Clock clock, ThreadConfig config, Timeline timeline, ContentSafety safety,
                        MembershipService memberships, ThreadSettings settings) {
        this.clock = clock;
        this.config = config;
        this.timeline = timeline;
        this.safety = safety;
        this.memberships = memberships;
        this.settings = settings;
    }

    /** The communities in which the resident holds a verified household. */
    Uni<List<Long>> scopeOf(long residentId) {
        return memberships.me(residentId).map(me -> me.memberships().stream()
                .filter(m -> m.status() == MembershipStatus.VERIFIED).map(MembershipService.Mine::communityId)
                .distinct().toList());
    }

    /** The thread if this resident may see it (their own, or public and visible in their community); else 404. */
    Uni<ConsultationThread> visible(long residentId, long threadId) {
        return scopeOf(residentId).chain(scope -> Panache.withSession(
                () -> ConsultationThread.<ConsultationThread>findById(threadId)).map(t -> {
            if (t == null || !(t.residentId == residentId
                    || (t.shownToOthers() && scope.contains(t.communityId)))) {
                throw Problem.notFound("THREAD_NOT_FOUND");
            }
            return t;
        }));
    }

    // --- 附议 -----------------------------------------------------------------------------------------------------

    public Uni<Integer> support(long residentId, long threadId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return visible(residentId, threadId).chain(t -> {
            if (t.residentId == residentId) {
                throw Problem.conflict("THREAD_SUPPORT_OWN");
            }
            if (!t.status.open()) {
                throw Lifecycle.conflict(t.status);
            }
            return Panache.withTransaction(() -> NativeSql.of("insert into thread_support (thread_id, resident_id, created_at)"
                            + " values (:t, :r, cast(:now as timestamptz)) on conflict do nothing")
                    .param("t", t.id).param("r", residentId).param("now", now).update()
                    .chain(n -> {
                        if (n == 0) {
                            throw Problem.conflict("THREAD_ALREADY_SUPPORTED");
                        }
                        return counted(t.id, +1);
                    })
                    .call(() -> timeline.record(t.id, Actor.resident(residentId), ThreadEventKind.SUPPORTED, null,
                            null, null, false, now)));
        });
    }

    public Uni<Integer> withdrawSupport(long residentId, long threadId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return visible(residentId, threadId).chain(t -> {
            if (!t.status.open()) {
                throw Lifecycle.conflict(t.status);
            }
            return Panache.withTransaction(() -> NativeSql.of("delete from thread_support where thread_id = :t"
                            + " and resident_id = :r").param("t", t.id).param("r", residentId).update()
                    .chain(n -> {
                        if (n == 0) {
                            throw Problem.notFound("THREAD_SUPPORT_NOT_FOUND");
                        }
                        return counted(t.id, -1);
                    })
                    .call(() -> timeline.record(t.id, Actor.resident(residentId), ThreadEventKind.SUPPORT_WITHDRAWN,
                            null, null, null, false, now)));
        });
    }

    private static Uni<Integer> counted(long threadId, int delta) {
        return NativeSql.of("update consultation_thread set support_count = support_count + :d where id = :t"
                        + " returning support_count").param("d", delta).param("t", threadId).number()
                .map(Long::intValue);
    }

    // --- ratings ----------------------------------------------------------------------------------------------------

    /** 1–5 by the raiser or a supporter while RESOLVED and within the rating window; twice → 409. */
    public Uni<Void> rate(long residentId, long threadId, int score, String comment) {
        if (score < 1 || score > 5) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_RATING_INVALID"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return visible(residentId, threadId).chain(t -> Panache.withTransaction(() -> NativeSql.of(
                        "select count(*) from thread_support where thread_id = :t and resident_id = :r")
                .param("t", t.id).param("r", residentId).number().chain(supporter -> {
                    boolean raiser = t.residentId == residentId;
                    if (!raiser && supporter == 0) {
                        throw Problem.forbidden("THREAD_RATING_FORBIDDEN");
                    }
                    if (t.status != ThreadStatus.RESOLVED) {
                        throw Lifecycle.conflict(t.status);
                    }
                    if (t.resolvedAt == null || !now.isBefore(t.resolvedAt.plusDays(config.ratingDays()))) {
                        throw Problem.conflict("THREAD_RATING_CLOSED");
                    }
                    String text = ThreadService.blankToNull(comment);
                    return NativeSql.of("insert into thread_rating (thread_id, resident_id, round, score, comment, raiser,"
                                    + " created_at) values (:t, :r, :round, :score, nullif(:c, ''), :raiser,"
                                    + " cast(:now as timestamptz)) on conflict do nothing")
                            .param("t", t.id).param("r", residentId).param("round", t.reopenCount)
                            .param("score", score).param("c", text == null ? "" : text).param("raiser", raiser)
                            .param("now", now).update()
                            .chain(n -> {
                                if (n == 0) {
                                    throw Problem.conflict("THREAD_ALREADY_RATED");
                                }
                                return timeline.record(t.id, Actor.resident(residentId), ThreadEventKind.RATED, null,
                                        null, "评分 " + score, false, now);
                            }).replaceWithVoid();
                })));
    }

    /** The RESOLVED thread this resident (raiser or supporter) may still rate, newest first; null if none (bot). */
    public Uni<ThreadSummary> awaitingRating(long residentId) {
        OffsetDateTime from = OffsetDateTime.now(clock).minusDays(config.ratingDays());
        return Panache.withSession(() -> NativeSql.of("select t.id from consultation_thread t where t.status = 'RESOLVED'"
                        + " and t.resolved_at > cast(:from as timestamptz) and (t.resident_id = :r or exists (select 1"
                        + " from thread_support s where s.thread_id = t.id and s.resident_id = :r)) and not exists"
                        + " (select 1 from thread_rating x where x.thread_id = t.id and x.resident_id = :r"
                        + " and x.round = t.reopen_count) order by t.resolved_at desc limit 1")
                .param("from", from).param("r", residentId).column()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem()
                        : ConsultationThread.<ConsultationThread>findById(NativeSql.id(ids.get(0)))))
                .map(t -> t == null ? null : ThreadSummary.of(t));
    }

    // --- comments ---------------------------------------------------------------------------------------------------

    public record NewComment(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000)
                             String body) {
    }

    public Uni<Long> comment(long residentId, long threadId, String body, boolean fromMiniProgram) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return visible(residentId, threadId).chain(t -> settings.rules(t.communityId)
                .chain(rules -> safety.admit(rules, residentId, body, fromMiniProgram, true, 2))
                .chain(moderation -> Panache.withTransaction(() -> NativeSql.of("insert into thread_comment (thread_id,"
                                + " author_kind, author_id, body, moderation, created_at) values (:t, 'RESIDENT', :r,"
                                + " :b, :m, cast(:now as timestamptz)) returning id")
                        .param("t", t.id).param("r", residentId).param("b", body.strip())
                        .param("m", moderation.name()).param("now", now).number())));
    }

    public Uni<Long> staffComment(long communityId, long threadId, Actor actor, String body) {
        if (ThreadService.blankToNull(body) == null || body.length() > 1000) {
            return Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> ThreadWorkflow.load(communityId, threadId, actor)
                .chain(t -> NativeSql.of("insert into thread_comment (thread_id, author_kind, author_id, body, created_at)"
                                + " values (:t, 'STAFF', :s, :b, cast(:now as timestamptz)) returning id")
                        .param("t", t.id).param("s", actor.id()).param("b", body.strip()).param("now", now).number()));
    }

    /** The author edits their comment; the earlier text stays in the history staff can read. */
    public Uni<Void> editComment(long residentId, long commentId, String body, boolean fromMiniProgram) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ownComment(residentId, commentId).chain(row -> settings.rules(NativeSql.id(row[2]))
                .chain(rules -> safety.admit(rules, residentId, body, fromMiniProgram, true, 2))
                .chain(moderation -> Panache.withTransaction(() -> NativeSql.of("insert into thread_comment_version"
                                + " (comment_id, body, replaced_at) select id, body, cast(:now as timestamptz) from"
                                + " thread_comment where id = :c")
                        .param("c", commentId).param("now", now).update()
                        .chain(() -> NativeSql.of("update thread_comment set body = :b, moderation = :m,"
                                        + " edited_at = cast(:now as timestamptz) where id = :c and deleted_at is null")
                                .param("b", body.strip()).param("m", moderation.name()).param("c", commentId)
                                .param("now", now).update())
                        .replaceWithVoid())));
    }

    public Uni<Void> deleteComment(long residentId, long commentId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ownComment(residentId, commentId).chain(row -> Panache.withTransaction(() -> NativeSql.of(
                        "update thread_comment set deleted_at = cast(:now as timestamptz) where id = :c")
                .param("c", commentId).param("now", now).update().replaceWithVoid()));
    }

    private Uni<Object[]> ownComment(long residentId, long commentId) {
        return Panache.withSession(() -> NativeSql.of("select c.id, c.deleted_at, t.community_id from thread_comment c"
                        + " join consultation_thread t on t.id = c.thread_id where c.id = :c"
                        + " and c.author_kind = 'RESIDENT' and c.author_id = :r").param("c", commentId).param("r", residentId)
                .rows()).map(rows -> {
            if (rows.isEmpty() || rows.get(0)[1] != null) {
                throw Problem.notFound("THREAD_COMMENT_NOT_FOUND");
            }
            return rows.get(0);
        });
    }

    // --- reports and moderation ---------------------------------------------------------------------------------

    /** A report of the thread (commentId null) or one of its comments; enough reports hide it for review. */
    public Uni<Void> report(long residentId, long threadId, Long commentId, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String table = commentId == null ? "consultation_thread" : "thread_comment";
        long target = commentId == null ? threadId : commentId;
        return visible(residentId, threadId).chain(t -> Panache.withTransaction(() -> (commentId == null
                ? Uni.createFrom().item(1L)
                : NativeSql.of("select count(*) from thread_comment where id = :c and thread_id = :t")
                .param("c", commentId).param("t", t.id).number()).chain(found -> {
                    if (found == 0) {
                        throw Problem.notFound("THREAD_COMMENT_NOT_FOUND");
                    }
                    return NativeSql.of("insert into thread_report (thread_id, comment_id, resident_id, reason, created_at)"
                                    + " values (:t, " + (commentId == null ? "null" : ":c") + ", :r, :reason,"
                                    + " cast(:now as timestamptz)) on conflict do nothing")
                            .param("t", t.id).param("r", residentId)
                            .param("reason", reason == null ? "" : reason.length() > 200 ? reason.substring(0, 200) : reason)
                            .param("now", now)
                            .param(commentId == null ? "t" : "c", commentId == null ? t.id : commentId).update();
                }).chain(n -> {
                    if (n == 0) {
                        throw Problem.conflict("THREAD_ALREADY_REPORTED");
                    }
                    return NativeSql.of("update " + table + " set report_count = report_count + 1,"
                                    + " moderation = case when report_count + 1 >= :limit and moderation = 'VISIBLE'"
                                    + " then 'HIDDEN' else moderation end where id = :id returning moderation")
                            .param("limit", config.reportsToHide()).param("id", target).column();
                }).chain(m -> "HIDDEN".equals(m.get(0)) ? timeline.record(t.id, Actor.system(),
                        ThreadEventKind.HIDDEN, null, null, commentId == null ? "举报较多，待工作人员审核"
                                : "一条评论因举报较多已隐藏，待审核", true, now).replaceWithVoid()
                        : Uni.createFrom().voidItem())));
    }

    /** Staff decide on a held or hidden thread or comment: RELEASE (visible again) or REMOVE; audited. */
    public Uni<Void> moderate(long communityId, long threadId, Actor actor, Long commentId, String decision,
                              String reason) {
        requireReasonFits(reason);
        String to = switch (decision == null ? "" : decision) {
            case "RELEASE" -> "VISIBLE";
            case "REMOVE" -> "REMOVED";
            default -> throw Problem.badRequest("THREAD_MODERATION_UNKNOWN");
        };
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> ThreadWorkflow.load(communityId, threadId, actor).chain(t -> {
            NativeSql change = commentId == null
                    ? NativeSql.of("update consultation_thread set moderation = :m where id = :id").param("id", t.id)
                    : NativeSql.of("update thread_comment set moderation = :m where id = :id and thread_id = :t")
                    .param("id", commentId).param("t", t.id);
            return change.param("m", to).update().chain(n -> {
                if (n == 0) {
                    throw Problem.notFound("THREAD_COMMENT_NOT_FOUND");
                }
                return NativeSql.of("insert into thread_moderation (thread_id, comment_id, staff_id, action, reason, created_at)"
                                + " values (:t, " + (commentId == null ? "null" : ":c") + ", :s, :a, :reason,"
                                + " cast(:now as timestamptz))")
                        .param("t", t.id).param("s", actor.id()).param("a", decision)
                        .param("reason", reason == null ? "" : reason).param("now", now)
                        .param(commentId == null ? "t" : "c", commentId == null ? t.id : commentId).update();
            }).chain(() -> timeline.record(t.id, actor, "VISIBLE".equals(to) ? ThreadEventKind.RELEASED
                    : ThreadEventKind.REMOVED, null, null, commentId == null ? reason : "评论 " + commentId
                    + (reason == null ? "" : "：" + reason), true, now)).replaceWithVoid();
        }));
    }

    /** A photo WeChat's check held, flagged or could not see: staff show it (RELEASE) or take it down (REMOVE). */
    public Uni<Void> moderatePhoto(long communityId, long threadId, Actor actor, long photoId, String decision,
                                   String reason) {
        requireReasonFits(reason);
        String to = switch (decision == null ? "" : decision) {
            case "RELEASE" -> "PASS";
            case "REMOVE" -> "REMOVED";
            default -> throw Problem.badRequest("THREAD_MODERATION_UNKNOWN");
        };
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> ThreadWorkflow.load(communityId, threadId, actor).chain(t -> NativeSql.of(
                        "update thread_photo set check_status = :s where id = :id and thread_id = :t")
                .param("s", to).param("id", photoId).param("t", t.id).update().chain(n -> {
                    if (n == 0) {
                        throw Problem.notFound("THREAD_PHOTO_NOT_FOUND");
                    }
                    return NativeSql.of("insert into thread_moderation (thread_id, photo_id, staff_id, action, reason,"
                                    + " created_at) values (:t, :p, :s, :a, :reason, cast(:now as timestamptz))")
                            .param("t", t.id).param("p", photoId).param("s", actor.id()).param("a", decision)
                            .param("reason", reason == null ? "" : reason).param("now", now).update();
                }).chain(() -> timeline.record(t.id, actor, "PASS".equals(to) ? ThreadEventKind.RELEASED
                        : ThreadEventKind.REMOVED, null, null, "图片 " + photoId
                        + (reason == null ? "" : "：" + reason), true, now)).replaceWithVoid()));
    }

    private static void requireReasonFits(String reason) {
        if (reason != null && reason.length() > MODERATION_REASON_MAX) {
            throw Problem.badRequest("THREAD_MODERATION_REASON_TOO_LONG", MODERATION_REASON_MAX);
        }
    }
}
