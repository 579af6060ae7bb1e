package org.linli.notice;

import java.time.OffsetDateTime;

/**
 * What one publication or renotification handed to the push outbox.
 *
 * @param recipients residents with a VERIFIED membership in the notice's households at that moment
 * @param queued     deliveries the outbox newly queued (fewer when the same source was queued before, or when
 *                   residents muted the notice's category)
 * @param notBefore  the scheduled publication time, null for now
 */
public record PushReceipt(String sourceRef, int recipients, int queued, OffsetDateTime notBefore) {
}
