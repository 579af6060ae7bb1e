package org.linli.push;

import java.time.Instant;
import java.util.List;

/**
 * What a worker decided for one claimed delivery: its new state (recorded only if the claim is still current) and
 * the calls it made on the way.
 *
 * @param status   the new status; PENDING with a future {@code nextAttemptAt} means "later"
 * @param failures retryable failures in total, after this claim
 */
record Outcome(Claim claim, DeliveryStatus status, Channel channel, int floor, Instant nextAttemptAt, int failures,
               Integer errcode, String error, String msgId, Instant doneAt, List<Attempt> attempts) {

    static Outcome delivered(Claim c, DeliveryStatus status, Channel channel, int floor, String msgId, Instant now,
                             Trail trail) {
        return new Outcome(c, status, channel, floor, now, c.failures(), trail.errcode(), trail.error(), msgId, now,
                trail.attempts());
    }

    /** Try again at {@code at}, from channel {@code floor}; {@code failed} counts a retryable failure. */
    static Outcome later(Claim c, Channel channel, int floor, Instant at, boolean failed, Trail trail) {
        return new Outcome(c, DeliveryStatus.PENDING, channel, floor, at, c.failures() + (failed ? 1 : 0),
                trail.errcode(), trail.error(), null, null, trail.attempts());
    }

    static Outcome dead(Claim c, Channel channel, int floor, Instant now, boolean failed, Trail trail) {
        return new Outcome(c, DeliveryStatus.DEAD, channel, floor, now, c.failures() + (failed ? 1 : 0),
                trail.errcode(), trail.error(), null, now, trail.attempts());
    }

    /** Not sent: the message was called off or had expired when its turn came. */
    static Outcome calledOff(Claim c, Instant now, String why) {
        return new Outcome(c, DeliveryStatus.CANCELLED, null, c.floor(), now, c.failures(), null, why, null, now,
                List.of());
    }

    /** Hand the row back untouched (not sent), due at {@code at}. */
    static Outcome release(Claim c, Instant at) {
        return new Outcome(c, DeliveryStatus.PENDING, null, c.floor(), at, c.failures(), null, null, null, null,
                List.of());
    }
}
