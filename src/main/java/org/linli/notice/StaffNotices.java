package org.linli.notice;

import org.linli.common.NativeSql;
import org.linli.identity.Reach;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.linli.common.Problem;
import org.linli.community.Page;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Notices as staff browse them. ADMIN and COMMITTEE see all of their community's notices; grid workers and
 * building leaders see those reaching at least one household of theirs, and change only those entirely inside.
 */
@ApplicationScoped
class StaffNotices {

    private final NoticeAudience audience;
    private final NoticeClock clock;

    StaffNotices(NoticeAudience audience, NoticeClock clock) {
        this.audience = audience;
        this.clock = clock;
    }

    Uni<Page<NoticeSummary>> list(long communityId, Reach reach, NoticeStatus status, int page, int size) {
        OffsetDateTime now = clock.now();
        return Panache.withSession(() -> {
            NativeSql ids = NativeSql.of("select n.id from notice n");
            NativeSql total = NativeSql.of("select count(*) from notice n");
            for (NativeSql q : List.of(ids, total)) {
                q.append(" where n.community_id = :community and " + NoticeAudience.touches(reach, q))
                        .append(status == null ? "" : " and " + condition(status))
                        .param("community", communityId);
                if (status != null && status != NoticeStatus.WITHDRAWN) {
                    q.param("now", now);
                }
            }
            ids.append(" order by n.publish_at desc, n.id desc limit :limit offset :offset")
                    .param("limit", size).param("offset", page * size);
            return ids.column().chain(found -> total.number().chain(count -> summaries(found, now)
                    .map(items -> new Page<>(items, page, size, count))));
        });
    }

    private Uni<List<NoticeSummary>> summaries(List<Object> found, OffsetDateTime now) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> ids = found.stream().map(NativeSql::id).toList();
        return Notice.<Notice>list("id in ?1", ids).chain(notices -> households(ids).map(counts -> {
            Map<Long, Notice> byId = notices.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
            return ids.stream().map(id -> NoticeSummary.of(byId.get(id), counts.getOrDefault(id, 0L), now)).toList();
        }));
    }

    private static String condition(NoticeStatus status) {
        return switch (status) {
            case SCHEDULED -> "n.withdrawn_at is null and n.publish_at > :now";
            case PUBLISHED -> "n.withdrawn_at is null and n.publish_at <= :now"
                    + " and (n.expires_at is null or n.expires_at > :now)";
            case EXPIRED -> "n.withdrawn_at is null and n.expires_at <= :now";
            case WITHDRAWN -> "n.withdrawn_at is not null";
        };
    }

    private static Uni<Map<Long, Long>> households(List<Long> noticeIds) {
        return NativeSql.of("select notice_id, count(*) from notice_household where notice_id in (:ids) group by notice_id")
                .param("ids", noticeIds).rows()
                .map(rows -> {
                    Map<Long, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(NativeSql.id(row[0]), NativeSql.id(row[1])));
                    return counts;
                });
    }

    Uni<NoticeView> view(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> visible(communityId, noticeId, reach).chain(this::view));
    }

    Uni<List<NoticeVersionView>> versions(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> visible(communityId, noticeId, reach)
                .chain(n -> NoticeVersion.<NoticeVersion>list("noticeId = ?1 order by version", n.id))
                .map(list -> list.stream().map(NoticeVersionView::of).toList()));
    }

    /** The notice as it now stands, in the current session. */
    Uni<NoticeView> view(Notice n) {
        return audience.targets(n.id).chain(targets -> households(List.of(n.id))
                .map(counts -> NoticeView.of(n, targets, counts.getOrDefault(n.id, 0L), clock.now())));
    }

    /** The notice if the staff member may see it; else 404, so other communities' ids reveal nothing. */
    Uni<Notice> visible(long communityId, long noticeId, Reach reach) {
        return Notice.<Notice>find("id = ?1 and communityId = ?2", noticeId, communityId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("NOTICE_NOT_FOUND"))
                .call(n -> guard(n, reach, NoticeAudience::touches, Problem.notFound("NOTICE_NOT_FOUND")));
    }

    /** The notice row-locked for a change the staff member may make (every household in reach), else 404/403. */
    Uni<Notice> changeable(long communityId, long noticeId, Reach reach) {
        return Notice.<Notice>find("id = ?1 and communityId = ?2", noticeId, communityId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("NOTICE_NOT_FOUND"))
                .call(n -> guard(n, reach, NoticeAudience::touches, Problem.notFound("NOTICE_NOT_FOUND")))
                .call(n -> guard(n, reach, NoticeAudience::within, Problem.forbidden("NOTICE_SCOPE_FORBIDDEN")));
    }

    private static Uni<Void> guard(Notice n, Reach reach, Condition condition, Problem otherwise) {
        if (reach.whole()) {
            return Uni.createFrom().voidItem();
        }
        NativeSql q = NativeSql.of("select count(*) from notice n where n.id = :notice and ");
        return q.append(condition.sql(reach, q)).param("notice", n.id).number()
                .invoke(count -> {
                    if (count == 0) {
                        throw otherwise;
                    }
                })
                .replaceWithVoid();
    }

    @FunctionalInterface
    private interface Condition {
        String sql(Reach reach, NativeSql query);
    }
}
