package org.linli.wechat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "linli.wechat")
public interface WechatConfig {

    /** Where WxJava sends API calls; https://api.weixin.qq.com in production. */
    @WithDefault("https://api.weixin.qq.com")
    String apiBaseUrl();

    Mp mp();

    Mini mini();

    Fake fake();

    /** Size of the Apache HttpClient pool WxJava uses for API calls (its default of 50 is too small for fan-out). */
    @WithDefault("200")
    int maxConnections();

    interface Mp {
        String appId();

        String secret();

        /** Token configured in the Official Account console for callback signatures. */
        String token();

        /**
         * The 43-character EncodingAESKey for safe mode (安全模式). Empty: plain mode only, and encrypted callbacks are
         * refused with 400 CALLBACK_PLAIN_ONLY.
         */
        Optional<String> aesKey();

        /** Callbacks whose timestamp is further than this from now are refused. */
        @WithDefault("PT5M")
        Duration replayWindow();

        /** WeChat waits 5 s for a passive reply; slower replies are answered "success" and sent later by kefu. */
        @WithDefault("PT4S")
        Duration replyDeadline();

        /** How long a message id is remembered so WeChat's retries get the first reply; covers all 3 tries. */
        @WithDefault("PT5M")
        Duration dedupeTtl();
    }

    interface Mini {
        String appId();

        String secret();

        /** Token of the Mini-Program's message push (消息推送); without it /wechat/mini refuses every call. */
        Optional<String> token();

        /** EncodingAESKey of the message push; empty: plain mode only. */
        Optional<String> aesKey();

        @WithDefault("PT5M")
        Duration replayWindow();
    }

    interface Fake {
        /** Start the local fake WeChat API server and point WxJava at it (dev and test). */
        @WithDefault("false")
        boolean enabled();

        /** 0 picks a free port. */
        @WithDefault("0")
        int port();
    }
}
