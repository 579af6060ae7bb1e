package org.linli.push;

/**
 * What one send came to, by meaning rather than by WeChat error code (the channel adapter maps the codes).
 *
 * @param errcode WeChat's errcode, 0 when sent or skipped, -99 for a network error or timeout
 * @param msgId   WeChat's message id when it answers one
 * @param called  false when the adapter decided without calling WeChat (e.g. outside the 48 h window)
 */
public record DeliveryOutcome(Verdict verdict, int errcode, String detail, String msgId, boolean called) {

    public enum Verdict {
        /** Accepted by WeChat. */
        SENT,
        /** Transient (busy, timeout, token trouble): try again later on the same channel. */
        RETRY,
        /** The account's quota for this channel is used up (45009): pause the channel for everyone. */
        QUOTA,
        /** This channel is closed for this user (refused, not following, bad openid, no window): try the next. */
        CLOSED,
        /** Anything else: the delivery is a dead letter, with the errcode kept for staff. */
        FAILED
    }

    public static DeliveryOutcome sent(String msgId) {
        return new DeliveryOutcome(Verdict.SENT, 0, null, msgId, true);
    }

    /** WeChat answered (or failed to answer) a call. */
    public static DeliveryOutcome of(Verdict verdict, int errcode, String detail) {
        return new DeliveryOutcome(verdict, errcode, detail, null, true);
    }

    /** Closed before any call was made (no consent, outside the window, known to be closed). */
    public static DeliveryOutcome skipped(String why) {
        return new DeliveryOutcome(Verdict.CLOSED, 0, why, null, false);
    }
}
