package org.linli.push;

import java.time.Instant;

/** One call to WeChat (or the in-app fallback), logged in push_attempt. */
record Attempt(long deliveryId, Channel channel, DeliveryOutcome.Verdict verdict, int errcode, Instant at,
               int durationMs) {
}
