package org.linli.wechat;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The base URL of the WeChat API that WxJava talks to: the real one, or, with linli.wechat.fake.enabled (dev and
 * test), the local fake that speaks the same paths and JSON and records every call ({@link WechatApiStandIn}).
 * The packaged application carries no fake, so the setting cannot take effect there: it stops the start instead.
 */
@Startup
@Singleton
public class WechatEndpoint {

    private final String apiBaseUrl;

    WechatEndpoint(WechatConfig config, Instance<WechatApiStandIn> standIn) {
        if (!config.fake().enabled()) {
            apiBaseUrl = config.apiBaseUrl();
        } else if (standIn.isResolvable()) {
            apiBaseUrl = standIn.get().baseUrl();
            Log.infof("Fake WeChat API listening on %s (linli.wechat.fake.enabled)", apiBaseUrl);
        } else {
            throw new IllegalStateException("linli.wechat.fake.enabled=true, but this build carries no fake WeChat"
                    + " API (dev mode and tests only). Unset it; linli.wechat.api-base-url says where WeChat is.");
        }
    }

    public String apiBaseUrl() {
        return apiBaseUrl;
    }
}
