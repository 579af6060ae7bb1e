package org.linli.push;

/**
 * One way of reaching a resident through WeChat, implemented in org.linli.wechat (the only package that knows
 * WeChat). Implementations block (WxJava): the engine calls them on its own bounded send pool.
 */
public interface PushChannel {

    Channel channel();

    /** Sends once, without retrying: retries, pauses and fallbacks are the engine's business. Never throws. */
    DeliveryOutcome send(PushRequest request);
}
