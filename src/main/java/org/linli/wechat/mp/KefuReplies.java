package org.linli.wechat.mp;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import org.linli.common.Workers;

/**
 * Delivers a reply that missed WeChat's 5-second passive-reply deadline as a customer-service message. The user
 * has just written to us, so we are inside the 48-hour window.
 */
@Singleton
class KefuReplies {

    private final WxMpService mp;
    private final Workers workers;

    KefuReplies(WxMpService mp, Workers workers) {
        this.mp = mp;
        this.workers = workers;
    }

    Uni<Boolean> send(String openid, String text) {
        return workers.call(() -> {
            try {
                mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(openid).content(text).build());
                return true;
            } catch (WxErrorException e) {
                Log.warnf("Late reply to %s not delivered: errcode %d", openid, e.getError().getErrorCode());
                return false;
            }
        });
    }
}
