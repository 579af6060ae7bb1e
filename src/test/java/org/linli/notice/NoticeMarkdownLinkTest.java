package org.linli.notice;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 8 §2: {@code **} inside a link's URL became {@code <strong>}, breaking the link's HTML. */
class NoticeMarkdownLinkTest {

    @Test
    void boldMarkersInsideALinkUrlStayInTheUrl() {
        assertEquals("<p><a href=\"https://example.com/a**b**c\">通知</a> 与 <strong>重点</strong></p>",
                NoticeMarkdown.markdown("[通知](https://example.com/a**b**c) 与 **重点**"));
        assertEquals("<p><a href=\"https://x.cn/**\">链接</a>**</p>", NoticeMarkdown.markdown("[链接](https://x.cn/**)**"));
        assertEquals("<p><a href=\"https://x.cn/\"><strong>粗体链接</strong></a></p>",
                NoticeMarkdown.markdown("[**粗体链接**](https://x.cn/)"));
    }
}
