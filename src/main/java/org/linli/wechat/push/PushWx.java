package org.linli.wechat.push;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import org.linli.push.PushConfig;
import org.linli.wechat.WechatConfig;

/**
 * WxJava services for pushing: the same accounts, access tokens (in Redis) and HTTP pool as the application's
 * services, but without WxJava's own retries. WxJava would sleep and retry errcode -1 itself (1 s, 2 s, ...) on a
 * send thread; the push engine retries with its own backoff and jitter instead, and keeps the errcode. The one
 * retry WxJava makes after refreshing an invalid or expired token (40001/40014/42001) stays.
 */
@Singleton
class PushWx {

    private final WxMpService mp;
    private final WxMaService mini;

    PushWx(WxMpService mp, WxMaService mini, WechatConfig wechat, PushConfig push) {
        int maxInFlight = push.maxInFlight();
        NoRetryMpService pushMp = new NoRetryMpService();
        pushMp.setWxMpConfigStorage(mp.getWxMpConfigStorage());
        pushMp.setMaxRetryTimes(0);
        this.mp = pushMp;
        WxMaServiceImpl pushMini = new WxMaServiceImpl();
        pushMini.setWxMaConfig(mini.getWxMaConfig());
        pushMini.setMaxRetryTimes(0);
        this.mini = pushMini;
        if (wechat.maxConnections() < maxInFlight + 10) {
            Log.warnf("linli.wechat.max-connections (%d) leaves little room above linli.push.max-in-flight (%d):"
                    + " sends will wait for connections and logins may time out", wechat.maxConnections(), maxInFlight);
        }
    }

    WxMpService mp() {
        return mp;
    }

    WxMaService mini() {
        return mini;
    }

    /** Skips WxJava's errcode -1 retry loop (which also turns -1 into a WxRuntimeException without the code). */
    static final class NoRetryMpService extends WxMpServiceImpl {
        @Override
        public <T, E> T execute(RequestExecutor<T, E> executor, String uri, E data) throws WxErrorException {
            return executeInternal(executor, uri, data, false);
        }
    }
}
