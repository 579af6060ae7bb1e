package org.linli.notice;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Markdown subset, escaping, push excerpts, attachment links and CSV cells, without the application. */
class NoticeRenderingTest {

    @Test
    void plainTextBecomesParagraphsWithLineBreaks() {
        assertEquals("<p>第一行<br>第二行</p><p>第二段 &lt;b&gt;</p>",
                NoticeMarkdown.plain("第一行\r\n第二行\n\n\n第二段 <b>"));
        assertEquals("<p># 不是标题</p>", NoticeMarkdown.plain("# 不是标题"));
    }

    @Test
    void theMarkdownSubset() {
        String html = NoticeMarkdown.markdown("""
                # 停水通知
                ## 时间
                明天 **9:00** 至 17:00
                见[公告](https://example.org/a?x=1&y=2)

                - 储水
                * 关闭阀门
                1. 第一步
                2. 第二步
                ### 联系
                电话 12345
                """);
        assertEquals("<h3>停水通知</h3><h4>时间</h4><p>明天 <strong>9:00</strong> 至 17:00<br>"
                + "见<a href=\"https://example.org/a?x=1&amp;y=2\">公告</a></p>"
                + "<ul><li>储水</li><li>关闭阀门</li></ul><ol><li>第一步</li><li>第二步</li></ol>"
                + "<h5>联系</h5><p>电话 12345</p>", html);
    }

    @Test
    void nothingTheAuthorTypesBecomesATag() {
        String html = NoticeMarkdown.markdown("<script>alert(1)</script>\n[x](javascript:alert(1))\n"
                + "[y](https://a.org/\"onmouseover=\"alert(1))\n<a href='https://evil'>z</a>");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("href=\"javascript"), html);
        assertFalse(html.contains("onmouseover=\""), html);
        assertFalse(html.contains("<a href='"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        // Only tags this renderer makes remain.
        assertEquals(List.of(), html.replaceAll("</?(p|br|a|strong|ul|ol|li|h3|h4|h5)( href=\"https://[^\"]*\")?>", "")
                .chars().filter(ch -> ch == '<' || ch == '>').boxed().toList());
    }

    @Test
    void excerptsAreOneShortLineWithoutMarkup() {
        assertEquals("停水通知 时间 明天 9:00 见公告", NoticeMarkdown.excerpt("# 停水通知\n## 时间\n- 明天 **9:00**\n见[公告](https://x.org)", 40));
        assertEquals("一二三四…", NoticeMarkdown.excerpt("一二三四五六七", 5));
        assertEquals("😀😀😀😀…", NoticeMarkdown.excerpt("😀😀😀😀😀😀", 5));
    }

    @Test
    void attachmentLinksAreHttpsOnly() {
        assertTrue(Attachments.httpsUrl("https://example.org/停水.pdf"));
        assertFalse(Attachments.httpsUrl("http://example.org/"));
        assertFalse(Attachments.httpsUrl("https:///nohost"));
        assertFalse(Attachments.httpsUrl("https://example.org/a b"));
        assertFalse(Attachments.httpsUrl("data:text/html,<script>"));
    }

    @Test
    void csvCellsAreQuotedAndCannotRunFormulas() {
        assertEquals("1号楼", NoticeCsv.cell("1号楼"));
        assertEquals("\"A,B\"", NoticeCsv.cell("A,B"));
        assertEquals("\"说\"\"事\"\"\"", NoticeCsv.cell("说\"事\""));
        assertEquals("'=HYPERLINK(1)", NoticeCsv.cell("=HYPERLINK(1)"));
        byte[] csv = NoticeCsv.unreadHouseholds(List.of(new UnreadHousehold(1, "1号楼", "1单元", "101", 2)));
        assertEquals("\uFEFF楼栋,单元,房号,住户数\r\n1号楼,1单元,101,2\r\n", new String(csv, StandardCharsets.UTF_8));
    }
}
