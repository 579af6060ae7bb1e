package org.linli.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.security.WxMaMediaSecCheckCheckRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.error.WxErrorException;
import org.linli.common.Workers;
import org.linli.identity.MiniResidents;
import org.linli.thread.PhotoSafety;

/** mediaCheckAsync v2 (image, scene 3 "forum post") with the resident's Mini-Program openid, on a worker thread. */
@ApplicationScoped
class WxPhotoSafety implements PhotoSafety {

    private static final int IMAGE = 2;
    private static final int SCENE_FORUM = 3;

    private final WxMaService mini;
    private final Workers workers;
    private final MiniResidents residents;

    WxPhotoSafety(WxMaService mini, Workers workers, MiniResidents residents) {
        this.mini = mini;
        this.workers = workers;
        this.residents = residents;
    }

    @Override
    public Uni<String> submit(long residentId, String url) {
        return residents.miniOpenidOf(residentId).chain(openid -> openid == null ? Uni.createFrom().nullItem()
                : workers.call(() -> {
                    try {
                        return mini.getSecurityService().mediaCheckAsync(WxMaMediaSecCheckCheckRequest.builder()
                                .mediaUrl(url).mediaType(IMAGE).version(2).openid(openid).scene(SCENE_FORUM)
                                .build()).getTraceId();
                    } catch (WxErrorException e) {
                        throw new WechatUnavailable(e);
                    }
                }));
    }
}
