package org.linli.wechat;

import jakarta.inject.Singleton;

/** The base URL of the WeChat API that WxJava talks to: the real one, or the local fake in dev and test. */
@Singleton
public class WechatEndpoint {

    private final WechatConfig config;

    WechatEndpoint(WechatConfig config) {
        this.config = config;
    }

    public String apiBaseUrl() {
        return config.apiBaseUrl();
    }
}
