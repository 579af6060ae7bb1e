package org.linli.push;

import java.time.Instant;
import java.util.Set;

/**
 * A delivery this worker holds until {@code leaseEnd}, with what is needed to send it.
 *
 * @param claims          the fencing token: the outcome is recorded only if no later claim took the row
 * @param floor           index into linli.push.channels of the first channel still worth trying
 * @param consents        template ids the resident has a one-time subscribe consent left for
 * @param expiresAt       the message's expiry as it stands now (it may change after the message was cached)
 * @param cancelled       the message was called off (a delivery queued while the cancel ran can still be claimed)
 */
record Claim(long id, long residentId, int claims, int failures, int floor, String miniOpenid, String mpOpenid,
             Set<String> consents, Instant leaseEnd, QueuedMessage message, Instant expiresAt, boolean cancelled) {

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The idempotency key WeChat sees (template {@code client_msg_id}): the same for every retry of this row. */
    String idempotencyKey() {
        return "linli-" + id;
    }

    boolean urgent() {
        return message.urgent();
    }
}
