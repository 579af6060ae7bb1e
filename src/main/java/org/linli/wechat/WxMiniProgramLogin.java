package org.linli.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.error.WxErrorException;
import org.linli.common.Workers;
import org.linli.identity.MiniProgramLogin;

/** {@code jscode2session} through WxJava, on a worker thread (WxJava blocks). */
@ApplicationScoped
class WxMiniProgramLogin implements MiniProgramLogin {

    private final WxMaService mini;
    private final Workers workers;

    WxMiniProgramLogin(WxMaService mini, Workers workers) {
        this.mini = mini;
        this.workers = workers;
    }

    @Override
    public Uni<MiniIdentity> exchange(String code) {
        // WxJava formats jscode2session's URL with the code unencoded ("&", "#" or a space would change the
        // request, e.g. add a second js_code or cut off the secret): only WeChat's own alphabet goes out.
        if (!MiniProgramLogin.isWellFormed(code)) {
            return Uni.createFrom().failure(new RejectedCode("malformed code"));
        }
        return workers.call(() -> {
            try {
                WxMaJscode2SessionResult result = mini.getUserService().getSessionInfo(code);
                return new MiniIdentity(result.getOpenid(), result.getUnionid(), result.getSessionKey());
            } catch (WxErrorException e) {
                int errcode = e.getError().getErrorCode();
                // 40029 invalid code, 40163 code used, 40226 high-risk user: the user's problem, not ours.
                if (errcode == 40029 || errcode == 40163 || errcode == 40226) {
                    throw new RejectedCode(e.getError().getErrorMsg());
                }
                throw new WechatUnavailable(e);
            }
        });
    }
}
