package org.linli.wechat;

/**
 * A local stand-in for {@code https://api.weixin.qq.com}: the fake WeChat API of dev mode and the tests
 * (org.linli.wechat.fake in src/dev, never packaged). Used only with linli.wechat.fake.enabled.
 */
public interface WechatApiStandIn {

    /** Where WxJava sends API calls instead of WeChat. */
    String baseUrl();
}
