package org.linli.notice;

import org.linli.identity.Reach;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.CommunityService;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Publishes, edits and withdraws notices. A publication writes the notice, its first version, its households and
 * its pushes in one transaction: if the outbox fails, no notice exists.
 */
@ApplicationScoped
class NoticePublisher {

    /** A publish time this far in the past is a mistake, not clock skew. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final CommunityService communities;
    private final NoticeAudience audience;
    private final NoticePushes pushes;
    private final StaffNotices notices;
    private final NoticeClock clock;

    NoticePublisher(CommunityService communities, NoticeAudience audience, NoticePushes pushes, StaffNotices notices,
                    NoticeClock clock) {
        this.communities = communities;
        this.audience = audience;
        this.pushes = pushes;
        this.notices = notices;
        this.clock = clock;
    }

    Uni<NoticeChange> publish(long communityId, Reach author, NoticeDraft draft) {
        OffsetDateTime now = clock.now();
        OffsetDateTime publishAt = publishAt(draft.publishAt(), now);
        checkExpiry(draft.expiresAt(), publishAt, now);
        List<Attachment> attachments = Attachments.check(draft.attachments());
        return Panache.withTransaction(() -> communities.find(communityId)
                        .chain(() -> audience.check(communityId, draft.scope(), author))
                        .chain(() -> {
                            Notice n = new Notice();
                            n.communityId = communityId;
                            n.title = title(draft.title());
                            n.body = draft.body();
                            n.bodyFormat = format(draft.format());
                            n.category = draft.category();
                            n.priority = priority(draft.priority());
                            n.requiresAck = draft.requiresAck();
                            n.attachments = Attachments.toJson(attachments);
                            n.scopeKind = draft.scope().kind();
                            n.publishAt = publishAt;
                            n.expiresAt = draft.expiresAt();
                            n.createdBy = author.staffId();
                            n.createdAt = now;
                            return n.<Notice>persist();
                        })
                        .call(n -> NoticeVersion.of(n, author.staffId(), now).persist())
                        .call(Panache::flush)
                        .call(n -> audience.freeze(n, draft.scope()))
                        .chain(n -> pushes.send(n, false, now)
                                .chain(receipt -> notices.view(n).map(view -> new NoticeChange(view, receipt)))));
    }

    /** A new version of the content; pushed again only when asked to, with its own source ref. */
    Uni<NoticeChange> edit(long communityId, long noticeId, Reach editor, NoticeEdit edit, boolean renotify) {
        OffsetDateTime now = clock.now();
        List<Attachment> attachments = Attachments.check(edit.attachments());
        return Panache.withTransaction(() -> notices.changeable(communityId, noticeId, editor)
                .invoke(n -> {
                    if (n.withdrawnAt != null) {
                        throw Problem.conflict("NOTICE_WITHDRAWN");
                    }
                    checkExpiry(edit.expiresAt(), n.publishAt, null);
                    n.version += 1;
                    n.title = title(edit.title());
                    n.body = edit.body();
                    n.bodyFormat = format(edit.format());
                    n.category = edit.category();
                    n.priority = priority(edit.priority());
                    n.requiresAck = edit.requiresAck();
                    n.attachments = Attachments.toJson(attachments);
                    n.expiresAt = edit.expiresAt();
                    n.updatedBy = editor.staffId();
                    n.updatedAt = now;
                    if (renotify) {
                        requirePublished(n, now);
                    }
                })
                .call(n -> NoticeVersion.of(n, editor.staffId(), now).persist())
                .call(Panache::flush)
                .call(pushes::followExpiry)
                .chain(n -> (renotify
                        ? pushes.cancelBefore(n, n.version).chain(() -> pushes.send(n, true, now))
                        : Uni.createFrom().<PushReceipt>nullItem())
                        .chain(receipt -> notices.view(n).map(view -> new NoticeChange(view, receipt)))));
    }

    /**
     * Takes the notice down for residents, and calls off its pushes not delivered yet; staff keep seeing it.
     * Withdrawing twice changes nothing.
     */
    Uni<NoticeView> withdraw(long communityId, long noticeId, Reach staff) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> notices.changeable(communityId, noticeId, staff)
                .call(n -> {
                    if (n.withdrawnAt != null) {
                        return Uni.createFrom().voidItem();
                    }
                    n.withdrawnAt = now;
                    n.withdrawnBy = staff.staffId();
                    return pushes.cancelBefore(n, Integer.MAX_VALUE);
                })
                .call(Panache::flush)
                .chain(notices::view));
    }

    private static OffsetDateTime publishAt(OffsetDateTime requested, OffsetDateTime now) {
        if (requested == null || !requested.isAfter(now)) {
            if (requested != null && requested.isBefore(now.minus(SKEW))) {
                throw Problem.badRequest("NOTICE_PUBLISH_IN_PAST");
            }
            return now;
        }
        return requested;
    }

    private static void checkExpiry(OffsetDateTime expiresAt, OffsetDateTime publishAt, OffsetDateTime now) {
        if (expiresAt == null) {
            return;
        }
        if (!expiresAt.isAfter(publishAt) || (now != null && !expiresAt.isAfter(now))) {
            throw Problem.badRequest("NOTICE_EXPIRY_BEFORE_PUBLISH");
        }
    }

    private static void requirePublished(Notice n, OffsetDateTime now) {
        switch (NoticeStatus.of(n, now)) {
            case SCHEDULED -> throw Problem.conflict("NOTICE_NOT_YET_PUBLISHED");
            case EXPIRED -> throw Problem.conflict("NOTICE_EXPIRED");
            default -> {
            }
        }
    }

    /** One line: Chinese input methods and pasted text bring newlines and full-width spaces into titles. */
    private static String title(String typed) {
        return typed.replaceAll("[\\s\\u3000]+", " ").strip();
    }

    private static BodyFormat format(BodyFormat given) {
        return given == null ? BodyFormat.PLAIN : given;
    }

    private static NoticePriority priority(NoticePriority given) {
        return given == null ? NoticePriority.NORMAL : given;
    }
}
