package org.linli.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code linli.push.*}: workers, throughput, retries, quiet hours and the WeChat templates of each message kind. */
@ConfigMapping(prefix = "linli.push")
public interface PushConfig {

    /** Run the scheduled workers on this replica. Tests turn it off and drive passes themselves. */
    @WithDefault("true")
    boolean enabled();

    /** How often an idle worker looks for due deliveries. */
    @WithDefault("1s")
    String pollInterval();

    /** Sends in flight per replica (threads of the send pool); keep linli.wechat.max-connections above it. */
    @WithDefault("150")
    int maxInFlight();

    /** Deliveries claimed per round trip. */
    @WithDefault("100")
    int claimBatch();

    /** How long a claim protects a delivery from other workers. */
    @WithDefault("PT2M")
    Duration lease();

    /**
     * A claimed delivery is sent only while at least this much of its lease is left; must exceed the longest WeChat
     * call (token fetch + connect + read timeouts), so no lease runs out during a send.
     */
    @WithDefault("PT30S")
    Duration leaseMargin();

    /** Order in which channels are tried per recipient until one succeeds. */
    @WithDefault("MINI_SUBSCRIBE,MP_TEMPLATE,MP_KEFU,IN_APP")
    List<Channel> channels();

    /** How long a channel stops after WeChat answers 45009 (quota reached); shared by all replicas. */
    @WithDefault("PT1H")
    Duration quotaPause();

    Retry retry();

    Rate rate();

    QuietHours quietHours();

    /** Mini-Program version subscribe messages open: formal, trial or developer. */
    @WithDefault("formal")
    String miniProgramState();

    /** Per message kind (NOTICE, THREAD_STATUS, ...): template ids and field mapping. */
    Map<String, Template> templates();

    interface Retry {
        @WithDefault("PT5S")
        Duration initial();

        @WithDefault("PT10M")
        Duration max();

        /** Retryable failures after which a delivery becomes a dead letter. */
        @WithDefault("8")
        int maxFailures();
    }

    /** Token buckets in Redis, shared by all replicas; sends per second. */
    interface Rate {
        @WithDefault("1000")
        int global();

        /** Per channel, e.g. linli.push.rate.channel.MP_TEMPLATE=600; unset channels use default-per-channel. */
        Map<String, Integer> channel();

        @WithDefault("1000")
        int defaultPerChannel();
    }

    interface QuietHours {
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("07:00")
        LocalTime end();

        @WithDefault("Asia/Shanghai")
        String zone();
    }

    interface Template {
        /** Official Account template message id (模板消息). */
        Optional<String> mpTemplateId();

        /** Mini-Program subscribe message template id (订阅消息). */
        Optional<String> miniTemplateId();

        /** Official Account subscribe notification template id (订阅通知, bizsend). */
        Optional<String> mpSubscribeTemplateId();

        /**
         * Template keyword → value for the OA template, e.g. {@code thing1=title}. Values: title, summary, time, date,
         * kind, a name from PushMessage.fields, alternatives {@code publishAt|time} (the first not blank), or a
         * literal after '='.
         */
        Map<String, String> fields();

        /** Same for the Mini-Program template; when empty, {@link #fields()} is used. */
        Map<String, String> miniFields();

        /** Same for the OA subscribe notification template; when empty, {@link #fields()} is used. */
        Map<String, String> mpSubscribeFields();
    }
}
