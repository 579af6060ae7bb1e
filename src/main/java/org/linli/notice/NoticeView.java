package org.linli.notice;

import java.time.OffsetDateTime;
import java.util.List;

import static org.linli.notice.NoticeClock.local;

/** A notice as staff see it: current content, rendered body, scope, times and status. */
public record NoticeView(long id, long communityId, int version, NoticeStatus status, String statusLabel,
                         String title, String body, BodyFormat format, String bodyHtml,
                         NoticeCategory category, String categoryLabel, NoticePriority priority,
                         NoticeScope scope, long households, List<Attachment> attachments, boolean requiresAck,
                         OffsetDateTime publishAt, OffsetDateTime expiresAt, long createdBy, OffsetDateTime createdAt,
                         OffsetDateTime updatedAt, OffsetDateTime withdrawnAt) {

    static NoticeView of(Notice n, List<Long> targetIds, long households, OffsetDateTime now) {
        NoticeStatus status = NoticeStatus.of(n, now);
        return new NoticeView(n.id, n.communityId, n.version, status, status.label(), n.title, n.body, n.bodyFormat,
                NoticeMarkdown.render(n.body, n.bodyFormat), n.category, n.category.label(), n.priority,
                new NoticeScope(n.scopeKind, targetIds), households, Attachments.fromJson(n.attachments),
                n.requiresAck, local(n.publishAt), local(n.expiresAt), n.createdBy, local(n.createdAt), local(n.updatedAt),
                local(n.withdrawnAt));
    }
}
