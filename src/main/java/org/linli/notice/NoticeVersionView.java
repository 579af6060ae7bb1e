package org.linli.notice;

import java.time.OffsetDateTime;
import java.util.List;

import static org.linli.notice.NoticeClock.local;

/** One version of a notice in its edit history. */
public record NoticeVersionView(int version, String title, String body, BodyFormat format, String bodyHtml,
                                NoticeCategory category, NoticePriority priority, boolean requiresAck,
                                OffsetDateTime expiresAt, List<Attachment> attachments, long editedBy,
                                OffsetDateTime editedAt) {

    static NoticeVersionView of(NoticeVersion v) {
        return new NoticeVersionView(v.version, v.title, v.body, v.bodyFormat, NoticeMarkdown.render(v.body, v.bodyFormat),
                v.category, v.priority, v.requiresAck, local(v.expiresAt), Attachments.fromJson(v.attachments), v.editedBy,
                local(v.editedAt));
    }
}
