package org.linli.notice;

import java.time.OffsetDateTime;

/** One line of a resident's notice list. */
public record ResidentNoticeItem(long id, String title, String excerpt, NoticeCategory category, String categoryLabel,
                                 NoticePriority priority, boolean requiresAck, OffsetDateTime publishedAt,
                                 OffsetDateTime updatedAt, boolean read, boolean acknowledged) {
}
