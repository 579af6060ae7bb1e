package org.linli.notice;

/** How a notice body is written: plain text, or the small Markdown subset {@link NoticeMarkdown} knows. */
public enum BodyFormat {
    PLAIN,
    MARKDOWN
}
