package org.linli.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import me.chanjar.weixin.common.util.http.apache.DefaultApacheHttpClientBuilder;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;

/**
 * One WxJava service per account (never the ThreadLocal {@code switchover}), tokens and refresh locks in Redis,
 * API host from configuration (the fake WeChat server in dev and test).
 */
public class WechatClients {

    private static final String KEY_PREFIX = "linli:wx";

    @Produces
    @Singleton
    public WxMpService officialAccount(WechatConfig config, RedisDataSource redis, WechatEndpoint endpoint) {
        WxMpRedisConfigImpl storage = new WxMpRedisConfigImpl(new RedisWxOps(redis), KEY_PREFIX);
        storage.setAppId(config.mp().appId());
        storage.setSecret(config.mp().secret());
        storage.setToken(config.mp().token());
        storage.setAesKey(config.mp().aesKey().orElse(null));
        String base = endpoint.apiBaseUrl();
        storage.setHostConfig(new WxMpHostConfig(base, base, base));
        storage.setApacheHttpClientBuilder(httpClient(config));
        // stable_token answers the same token to every caller while it is valid, so a refresh racing on
        // another replica cannot invalidate ours (plain /cgi-bin/token would).
        storage.useStableAccessToken(true);
        WxMpServiceImpl service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(storage);
        service.setMaxRetryTimes(2);
        return service;
    }

    @Produces
    @Singleton
    WxMaService miniProgram(WechatConfig config, RedisDataSource redis, WechatEndpoint endpoint) {
        WxMaRedisBetterConfigImpl storage = new WxMaRedisBetterConfigImpl(new RedisWxOps(redis), KEY_PREFIX);
        storage.setAppid(config.mini().appId());
        storage.setSecret(config.mini().secret());
        storage.setApiHostUrl(endpoint.apiBaseUrl());
        storage.useStableAccessToken(true);
        storage.setApacheHttpClientBuilder(httpClient(config));
        WxMaServiceImpl service = new WxMaServiceImpl();
        service.setWxMaConfig(storage);
        service.setMaxRetryTimes(2);
        return service;
    }

    private static ApacheHttpClientBuilder httpClient(WechatConfig config) {
        DefaultApacheHttpClientBuilder builder = DefaultApacheHttpClientBuilder.get();
        builder.setMaxTotalConn(config.maxConnections());
        builder.setMaxConnPerHost(config.maxConnections());
        builder.setConnectionTimeout(3000);
        builder.setSoTimeout(5000);
        return builder;
    }
}
