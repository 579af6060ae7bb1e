package org.linli.push;

import java.util.Map;

/**
 * What a channel needs to send one delivery.
 *
 * @param idempotencyKey stable per delivery across retries and replicas; passed to WeChat where the API takes one
 *                       (template message {@code client_msg_id})
 * @param openid         the resident's openid for that channel (Mini-Program or Official Account)
 * @param templateId     template of the channel, null for customer-service messages
 * @param data           template keyword → value, in template order (not yet cut to WeChat's limits)
 */
public record PushRequest(long deliveryId, String idempotencyKey, String openid, String templateId, String title,
                          String summary, String page, Map<String, String> data) {
}
