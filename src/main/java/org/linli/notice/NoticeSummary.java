package org.linli.notice;

import java.time.OffsetDateTime;

import static org.linli.notice.NoticeClock.local;

/** One line of the staff's notice list. */
public record NoticeSummary(long id, String title, NoticeCategory category, String categoryLabel,
                            NoticePriority priority, NoticeStatus status, String statusLabel, int version,
                            boolean requiresAck, OffsetDateTime publishAt, OffsetDateTime expiresAt, long households) {

    static NoticeSummary of(Notice n, long households, OffsetDateTime now) {
        NoticeStatus status = NoticeStatus.of(n, now);
        return new NoticeSummary(n.id, n.title, n.category, n.category.label(), n.priority, status, status.label(),
                n.version, n.requiresAck, local(n.publishAt), local(n.expiresAt), households);
    }
}
