package org.linli.notice;

/** The answer to a publication or an edit: the notice as it now stands and the push it caused, if any. */
public record NoticeChange(NoticeView notice, PushReceipt push) {
}
