package org.linli.notice;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a notice body into a safe HTML fragment for the Mini-Program's rich-text component. All HTML the author
 * typed is escaped first, so {@code <script>} arrives as text; only the tags made here exist in the output.
 * <p>
 * The Markdown subset: {@code #}/{@code ##}/{@code ###} headings (as h3–h5), {@code -}/{@code *} bullet lists,
 * {@code 1.} numbered lists, {@code **bold**}, {@code [text](https://…)} links (https only), blank lines between
 * paragraphs and line breaks inside them. Plain text gets paragraphs and line breaks only.
 */
final class NoticeMarkdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,3})\\s+(.+)$");
    private static final Pattern BULLET = Pattern.compile("^[-*+]\\s+(.+)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\d{1,3}\\.\\s+(.+)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,200})]\\((https://[^\\s()\"'<>]{1,1000})\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+?)\\*\\*");
    private static final Pattern RAW_LINK = Pattern.compile("\\[([^\\]\\n]{1,200})]\\([^)\\n]*\\)");

    private NoticeMarkdown() {
    }

    static String render(String body, BodyFormat format) {
        return format == BodyFormat.MARKDOWN ? markdown(body) : plain(body);
    }

    static String plain(String body) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : normalize(body).split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    static String markdown(String body) {
        Blocks out = new Blocks();
        for (String raw : normalize(body).split("\n", -1)) {
            String line = raw.strip();
            Matcher m;
            if (line.isEmpty()) {
                out.close();
            } else if ((m = HEADING.matcher(line)).matches()) {
                int level = m.group(1).length() + 2;
                out.close();
                out.html.append("<h").append(level).append('>').append(inline(m.group(2).strip()))
                        .append("</h").append(level).append('>');
            } else if ((m = BULLET.matcher(line)).matches()) {
                out.item("ul", inline(m.group(1)));
            } else if ((m = NUMBERED.matcher(line)).matches()) {
                out.item("ol", inline(m.group(1)));
            } else {
                out.line(inline(line));
            }
        }
        out.close();
        return out.html.toString();
    }

    /** One line of plain text for push summaries and lists: markup removed, whitespace collapsed, cut to max. */
    static String excerpt(String body, int max) {
        String text = RAW_LINK.matcher(normalize(body)).replaceAll("$1")
                .replaceAll("(?m)^\\s*(#{1,3}|[-*+]|\\d{1,3}\\.)\\s+", "")
                .replace("**", "")
                .replaceAll("\\s+", " ")
                .strip();
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Links first; bold only in the text around and inside them, never in a URL ({@code **} is legal there). */
    private static String inline(String text) {
        String html = escape(text);
        StringBuilder out = new StringBuilder(html.length() + 32);
        Matcher link = LINK.matcher(html);
        int at = 0;
        while (link.find()) {
            out.append(bold(html.substring(at, link.start())))
                    .append("<a href=\"").append(link.group(2)).append("\">").append(bold(link.group(1))).append("</a>");
            at = link.end();
        }
        return out.append(bold(html.substring(at))).toString();
    }

    private static String bold(String html) {
        return BOLD.matcher(html).replaceAll("<strong>$1</strong>");
    }

    private static String normalize(String body) {
        return body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The block being written: a paragraph or a list, open until a blank line or another kind of block. */
    private static final class Blocks {
        final StringBuilder html = new StringBuilder();
        String open;

        void line(String content) {
            if ("p".equals(open)) {
                html.append("<br>").append(content);
                return;
            }
            close();
            open = "p";
            html.append("<p>").append(content);
        }

        void item(String list, String content) {
            if (!list.equals(open)) {
                close();
                open = list;
                html.append('<').append(list).append('>');
            }
            html.append("<li>").append(content).append("</li>");
        }

        void close() {
            if (open != null) {
                html.append("</").append(open).append('>');
                open = null;
            }
        }
    }
}
