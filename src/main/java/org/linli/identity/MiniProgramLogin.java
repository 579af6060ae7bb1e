package org.linli.identity;

import io.smallrye.mutiny.Uni;

/** Exchanges a Mini-Program {@code wx.login} code for the user's identity at WeChat (implemented in wechat). */
public interface MiniProgramLogin {

    Uni<MiniIdentity> exchange(String code);

    /** What WeChat tells us about the user; the session key stays on the server. */
    record MiniIdentity(String openid, String unionid, String sessionKey) {
    }

    /** WeChat refused the code (invalid, used, expired). */
    class RejectedCode extends RuntimeException {
        public RejectedCode(String message) {
            super(message);
        }
    }
}
