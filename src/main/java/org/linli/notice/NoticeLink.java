package org.linli.notice;

import java.time.OffsetDateTime;

/**
 * A notice as the chat bot lists it: enough for one line of a reply and a link into the Mini-Program.
 *
 * @param path Mini-Program page of the notice, e.g. {@code pages/notice/detail?id=42}
 */
public record NoticeLink(long id, String title, String categoryLabel, boolean urgent, boolean read,
                         OffsetDateTime publishedAt, String path) {

    static String path(long noticeId) {
        return "pages/notice/detail?id=" + noticeId;
    }
}
