package org.linli.wechat.mp;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import org.linli.common.Workers;
import org.linli.wechat.CustomerServiceWindow;

/**
 * Delivers a reply that missed WeChat's 5-second passive-reply deadline as a customer-service message. The user
 * has just written to us, so we are inside the 48-hour window, but the reply still takes one of the window's
 * messages, shared with the push engine's customer-service channel.
 */
@Singleton
class KefuReplies {

    private final WxMpService mp;
    private final Workers workers;
    private final CustomerServiceWindow window;

    KefuReplies(WxMpService mp, Workers workers, CustomerServiceWindow window) {
        this.mp = mp;
        this.workers = workers;
        this.window = window;
    }

    Uni<Boolean> send(String openid, String text) {
        return workers.call(() -> {
            if (!window.reserve(openid)) {
                Log.warnf("Late reply to %s not sent: the customer-service window's messages are used up", openid);
                return false;
            }
            try {
                mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser(openid).content(text).build());
                return true;
            } catch (WxErrorException e) {
                Log.warnf("Late reply to %s not delivered: %s", openid, e.getError() == null ? e.getMessage()
                        : "errcode " + e.getError().getErrorCode());
                return false;
            } catch (RuntimeException e) {
                Log.warnf("Late reply to %s not delivered: %s", openid, e.toString());
                return false;
            }
        });
    }
}
