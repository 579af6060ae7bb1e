package org.linli.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.error.WxErrorException;
import org.linli.common.Workers;
import org.linli.identity.MiniResidents;
import org.linli.thread.TextSafety;

/** msgSecCheck v2 with the resident's Mini-Program openid, on a worker thread. */
@ApplicationScoped
class WxTextSafety implements TextSafety {

    private final WxMaService mini;
    private final Workers workers;
    private final MiniResidents residents;

    WxTextSafety(WxMaService mini, Workers workers, MiniResidents residents) {
        this.mini = mini;
        this.workers = workers;
        this.residents = residents;
    }

    @Override
    public Uni<Verdict> check(long residentId, String text, int scene) {
        return residents.miniOpenidOf(residentId).chain(openid -> {
            if (openid == null) {
                return Uni.createFrom().item(Verdict.UNAVAILABLE);
            }
            return workers.call(() -> {
                try {
                    WxMaMsgSecCheckCheckResponse response = mini.getSecurityService().checkMessage(
                            WxMaMsgSecCheckCheckRequest.builder().version("2").openid(openid).scene(scene)
                                    .content(text).build());
                    String suggest = response.getResult() == null ? null : response.getResult().getSuggest();
                    if ("pass".equals(suggest)) {
                        return Verdict.PASS;
                    }
                    return "risky".equals(suggest) ? Verdict.RISKY : Verdict.REVIEW;
                } catch (WxErrorException e) {
                    return Verdict.UNAVAILABLE;
                }
            });
        });
    }
}
