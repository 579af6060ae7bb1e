package org.linli.wechat.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages the fake "delivered" to users (successful kefu, template and subscribe sends), kept apart from the call
 * log so a test can count what reached a user, and template sends de-duplicated by {@code client_msg_id} like
 * WeChat: the same openid and client_msg_id within 10 minutes is delivered once, and the repeat is answered with
 * the first message's msgid.
 */
final class FakeDeliveries {

  static final Duration CLIENT_MSG_ID_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_KEPT = 200_000;

  private record Sent(long msgId, Instant at) {
  }

  private final Queue<FakeWechatServer.Delivery> delivered = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Map<String, Sent> byClientMsgId = new ConcurrentHashMap<>();

  /** The msgid of an earlier send with this openid and client_msg_id within the window, or null. */
  synchronized Long repeatOf(String appId, String openid, String clientMsgId, Instant now) {
    if (clientMsgId == null || clientMsgId.isEmpty()) {
      return null;
    }
    Sent sent = byClientMsgId.get(key(appId, openid, clientMsgId));
    return sent != null && sent.at().plus(CLIENT_MSG_ID_WINDOW).isAfter(now) ? sent.msgId() : null;
  }

  synchronized void deliver(FakeWechatServer.Delivery delivery, Long msgId) {
    if (delivery.clientMsgId() != null && !delivery.clientMsgId().isEmpty() && msgId != null) {
      byClientMsgId.put(key(delivery.appId(), delivery.openid(), delivery.clientMsgId()),
          new Sent(msgId, delivery.at()));
    }
    delivered.add(delivery);
    if (size.incrementAndGet() > MAX_KEPT) {
      delivered.poll();
      size.decrementAndGet();
    }
  }

  List<FakeWechatServer.Delivery> all() {
    return List.copyOf(delivered);
  }

  synchronized void clear() {
    delivered.clear();
    size.set(0);
    byClientMsgId.clear();
  }

  private static String key(String appId, String openid, String clientMsgId) {
    return Objects.toString(appId) + '\n' + openid + '\n' + clientMsgId;
  }
}
