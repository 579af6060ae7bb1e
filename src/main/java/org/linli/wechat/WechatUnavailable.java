package org.linli.wechat;

import me.chanjar.weixin.common.error.WxErrorException;
import org.linli.common.Problem;

/** WeChat answered with an error that is not the user's fault, or did not answer. */
public class WechatUnavailable extends Problem {

    private final int errcode;

    public WechatUnavailable(WxErrorException cause) {
        super(503, "WECHAT_UNAVAILABLE");
        initCause(cause);
        this.errcode = cause.getError() == null ? -1 : cause.getError().getErrorCode();
    }

    public int errcode() {
        return errcode;
    }
}
