package org.linli.identity;

import io.smallrye.mutiny.Uni;

/** Exchanges a Mini-Program {@code wx.login} code for the user's identity at WeChat (implemented in wechat). */
public interface MiniProgramLogin {

    /** WeChat's login codes are short tokens of letters, digits, '-' and '_'; anything else never reaches WeChat. */
    java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    static boolean isWellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

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
