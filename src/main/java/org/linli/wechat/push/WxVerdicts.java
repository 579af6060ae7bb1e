package org.linli.wechat.push;

import me.chanjar.weixin.common.error.WxErrorException;
import org.linli.push.DeliveryOutcome;

import java.util.Set;

import static org.linli.push.DeliveryOutcome.Verdict;

/** WeChat error codes by meaning. */
final class WxVerdicts {

    /** WxJava's code for an IOException (connect or read timeout, connection refused). */
    static final int NETWORK = -99;

    /** Busy, network, and token errors left after WxJava's one refresh-and-retry. */
    private static final Set<Integer> RETRY = Set.of(-1, NETWORK, 40001, 40014, 42001);
    /**
     * Closed for this user: refused / no consent left (43101), not following (43004), bad openid (40003), outside
     * the reply window (45015), window's messages used (45047).
     */
    private static final Set<Integer> CLOSED = Set.of(43101, 43004, 40003, 45015, 45047);
    private static final int QUOTA = 45009;

    private WxVerdicts() {
    }

    /** A WeChat call that answers a message id (or null); what it throws becomes the verdict. */
    interface WxCall {
        String send() throws WxErrorException;
    }

    static DeliveryOutcome attempt(WxCall call) {
        try {
            return DeliveryOutcome.sent(call.send());
        } catch (WxErrorException e) {
            return of(e);
        } catch (RuntimeException e) {
            return of(e);
        }
    }

    static DeliveryOutcome of(WxErrorException e) {
        int errcode = e.getError() == null ? NETWORK : e.getError().getErrorCode();
        String detail = e.getError() == null ? e.getMessage() : errcode + " " + e.getError().getErrorMsg();
        return DeliveryOutcome.of(verdict(errcode), errcode, detail);
    }

    /** WxJava throws runtime exceptions for I/O trouble (Mini-Program) and failed token fetches. */
    static DeliveryOutcome of(RuntimeException e) {
        return DeliveryOutcome.of(Verdict.RETRY, NETWORK, e.toString());
    }

    static Verdict verdict(int errcode) {
        if (errcode == 0) {
            return Verdict.SENT;
        }
        if (errcode == QUOTA) {
            return Verdict.QUOTA;
        }
        if (RETRY.contains(errcode)) {
            return Verdict.RETRY;
        }
        return CLOSED.contains(errcode) ? Verdict.CLOSED : Verdict.FAILED;
    }
}
