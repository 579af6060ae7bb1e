package org.linli.notice;

import java.time.OffsetDateTime;
import java.util.List;

import static org.linli.notice.NoticeClock.local;

/** A notice as a resident reads it, with their own read and acknowledgement times. */
public record ResidentNotice(long id, int version, String title, NoticeCategory category, String categoryLabel,
                             NoticePriority priority, String body, BodyFormat format, String bodyHtml,
                             List<Attachment> attachments, boolean requiresAck, OffsetDateTime publishedAt,
                             OffsetDateTime updatedAt, OffsetDateTime expiresAt, OffsetDateTime readAt,
                             OffsetDateTime acknowledgedAt) {

    static ResidentNotice of(Notice n, OffsetDateTime readAt, OffsetDateTime ackedAt) {
        return new ResidentNotice(n.id, n.version, n.title, n.category, n.category.label(), n.priority, n.body,
                n.bodyFormat, NoticeMarkdown.render(n.body, n.bodyFormat), Attachments.fromJson(n.attachments),
                n.requiresAck, local(n.publishAt), local(n.updatedAt), local(n.expiresAt), local(readAt), local(ackedAt));
    }
}
