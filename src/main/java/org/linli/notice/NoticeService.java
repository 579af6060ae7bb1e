package org.linli.notice;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.Page;
import org.linli.identity.Reach;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Notices as residents see them: those published to a household they hold a VERIFIED membership in, between
 * publication and expiry, not withdrawn. Anything else is 404 to them. Also the bot's entry point.
 */
@ApplicationScoped
public class NoticeService {

    private static final String ITEM_COLUMNS = "select n.id, n.title, left(n.body, 200), n.category, n.priority,"
            + " n.requires_ack, n.publish_at, n.updated_at, r.first_read_at, r.acked_at"
            + " from notice n left join notice_read r on r.notice_id = n.id and r.resident_id = :resident";
    private static final String LIVE = " where n.withdrawn_at is null and n.publish_at <= :now"
            + " and (n.expires_at is null or n.expires_at > :now) and " + NoticeAudience.REACHES_HOUSEHOLDS;

    /** A chat reply lists a handful; more belongs in the Mini-Program. */
    static final int MAX_LATEST = 10;

    private final NoticeAudience audience;
    private final NoticeClock clock;
    private final NoticePublisher publisher;

    NoticeService(NoticeAudience audience, NoticeClock clock, NoticePublisher publisher) {
        this.audience = audience;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Publishes a meeting's minutes (会议纪要) now, as a plain-text 议事结果 notice to {@code scope}, with the same
     * checks and pushes as a notice staff publish (scope within the author's reach, households frozen, NOTICE
     * pushes), in the caller's transaction when there is one. Answers the notice id.
     */
    public Uni<Long> publishMinutes(long communityId, Reach author, String title, String body, NoticeScope scope) {
        NoticeDraft draft = new NoticeDraft(title, body, BodyFormat.PLAIN, NoticeCategory.DELIBERATION_RESULT,
                NoticePriority.NORMAL, scope, null, null, List.of(), false);
        return publisher.publish(communityId, author, draft).map(change -> change.notice().id());
    }

    /** Unread first, then newest first. */
    public Uni<Page<ResidentNoticeItem>> forResident(long residentId, int page, int size) {
        OffsetDateTime now = clock.now();
        return Panache.withSession(() -> audience.householdsOf(residentId).chain(households -> items(residentId,
                        households, now, " order by (r.first_read_at is null) desc, n.publish_at desc, n.id desc",
                        page * size, size)
                .chain(items -> NativeSql.of("select count(*) from notice n" + LIVE)
                        .param("households", households).param("now", now).number()
                        .map(total -> new Page<>(items, page, size, total)))));
    }

    /**
     * The resident's newest notices, for the chat bot's 通知 intent: title and the Mini-Program page to open.
     * Empty for residents without a verified household; at most {@value #MAX_LATEST}.
     */
    public Uni<List<NoticeLink>> latestFor(long residentId, int limit) {
        return Panache.withSession(() -> audience.householdsOf(residentId).chain(households -> items(residentId,
                        households, clock.now(), " order by n.publish_at desc, n.id desc", 0,
                        Math.min(Math.max(0, limit), MAX_LATEST))))
                .map(items -> items.stream().map(i -> new NoticeLink(i.id(), i.title(), i.categoryLabel(),
                        i.priority() == NoticePriority.URGENT, i.read(), i.publishedAt(), NoticeLink.path(i.id())))
                        .toList());
    }

    /** The notice with its body; the first call records the read receipt, later calls keep its time. */
    public Uni<ResidentNotice> read(long residentId, long noticeId) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> readable(residentId, noticeId, now)
                .call(n -> NativeSql.of("insert into notice_read (notice_id, resident_id, first_read_at)"
                                + " values (:notice, :resident, :now) on conflict (notice_id, resident_id) do nothing")
                        .param("notice", n.id).param("resident", residentId).param("now", now).update())
                .chain(n -> receipt(n, residentId)));
    }

    /** Confirms an acknowledgement-required notice (reading it too); the first confirmation time is kept. */
    public Uni<ResidentNotice> acknowledge(long residentId, long noticeId) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> readable(residentId, noticeId, now)
                .invoke(n -> {
                    if (!n.requiresAck) {
                        throw Problem.conflict("NOTICE_NO_ACK");
                    }
                })
                .call(n -> NativeSql.of("insert into notice_read (notice_id, resident_id, first_read_at, acked_at)"
                                + " values (:notice, :resident, :now, :now) on conflict (notice_id, resident_id)"
                                + " do update set acked_at = coalesce(notice_read.acked_at, excluded.acked_at)")
                        .param("notice", n.id).param("resident", residentId).param("now", now).update())
                .chain(n -> receipt(n, residentId)));
    }

    /** 404 outside the resident's households or before publication; 410 once withdrawn or expired. */
    private Uni<Notice> readable(long residentId, long noticeId, OffsetDateTime now) {
        return audience.reaches(noticeId, residentId)
                .chain(reaches -> reaches ? Notice.<Notice>findById(noticeId) : Uni.createFrom().<Notice>nullItem())
                .onItem().ifNull().failWith(() -> Problem.notFound("NOTICE_NOT_FOUND"))
                .invoke(n -> {
                    switch (NoticeStatus.of(n, now)) {
                        case SCHEDULED -> throw Problem.notFound("NOTICE_NOT_FOUND");
                        case WITHDRAWN -> throw new Problem(410, "NOTICE_WITHDRAWN");
                        case EXPIRED -> throw new Problem(410, "NOTICE_EXPIRED");
                        default -> {
                        }
                    }
                });
    }

    private static Uni<ResidentNotice> receipt(Notice n, long residentId) {
        return NativeSql.of("select first_read_at, acked_at from notice_read where notice_id = :notice"
                        + " and resident_id = :resident")
                .param("notice", n.id).param("resident", residentId).rows()
                .map(rows -> rows.isEmpty() ? ResidentNotice.of(n, null, null)
                        : ResidentNotice.of(n, NativeSql.time(rows.get(0)[0]), NativeSql.time(rows.get(0)[1])));
    }

    private static Uni<List<ResidentNoticeItem>> items(long residentId, String households, OffsetDateTime now,
                                                       String order, int offset, int limit) {
        return NativeSql.of(ITEM_COLUMNS + LIVE + order + " limit :limit offset :offset")
                .param("resident", residentId).param("households", households).param("now", now)
                .param("limit", limit).param("offset", offset)
                .rows()
                .map(rows -> rows.stream().map(NoticeService::item).toList());
    }

    private static ResidentNoticeItem item(Object[] row) {
        NoticeCategory category = NoticeCategory.valueOf((String) row[3]);
        return new ResidentNoticeItem(NativeSql.id(row[0]), (String) row[1], NoticeMarkdown.excerpt((String) row[2], 60),
                category, category.label(), NoticePriority.valueOf((String) row[4]), (Boolean) row[5],
                NativeSql.time(row[6]), NativeSql.time(row[7]), row[8] != null, row[9] != null);
    }
}
