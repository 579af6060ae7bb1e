package org.linli.push;

import java.time.Instant;
import java.util.Map;

/**
 * One thing to tell residents (a notice, a thread status change, a poll opening, a reminder), written to the
 * outbox in the same transaction as the change that causes it.
 *
 * @param sourceRef  stable id of the cause, e.g. {@code notice:42:v1}; with each resident it forms the
 *                   idempotency key, so enqueuing the same cause twice sends nothing twice
 * @param kind       NOTICE, THREAD_STATUS, POLL_OPENED, REMINDER, ... picks the template in linli.push.templates.*
 * @param urgent     urgent pushes skip quiet hours
 * @param title      short title (template keyword fields are cut to 20 characters, no newlines)
 * @param summary    one-line summary for template fields
 * @param page       Mini-Program page the message opens, e.g. {@code pages/notice/detail?id=42}
 * @param fields     extra named values for the template field mapping
 * @param notBefore  send no earlier than this (scheduled publication); null = now
 * @param expiresAt  not worth sending from this moment on (a notice's expiry, a poll's close); null = never
 */
public record PushMessage(long communityId, String sourceRef, String kind, boolean urgent, String title,
                          String summary, String page, Map<String, String> fields, Instant notBefore,
                          Instant expiresAt) {

    /** A message that stays worth sending until it is delivered. */
    public PushMessage(long communityId, String sourceRef, String kind, boolean urgent, String title, String summary,
                       String page, Map<String, String> fields, Instant notBefore) {
        this(communityId, sourceRef, kind, urgent, title, summary, page, fields, notBefore, null);
    }
}
