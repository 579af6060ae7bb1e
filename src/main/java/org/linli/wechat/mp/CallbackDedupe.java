package org.linli.wechat.mp;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.linli.bot.IncomingMessage;
import org.linli.bot.RateLimiter;
import org.linli.common.RedisScript;
import org.linli.wechat.CustomerServiceWindow;
import org.linli.wechat.WechatConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Remembers, across replicas, which callbacks were seen. A message id maps to PENDING while it is handled and
 * then to its reply, so WeChat's retries get the first answer and the side effects happen once. A (timestamp,
 * nonce, signature) used for a different message is a replay.
 * <p>
 * A new message is admitted by one script: claim the message id, spend the nonce, count the sender's bot rate limit
 * and record the inbound message for the kefu window.
 */
@Singleton
class CallbackDedupe {

    private static final String PENDING = "~pending";
    private static final String NO_REPLY = "~none";
    private static final String REPLY = "r:";
    private static final String MSG = "linli:wx:msg:";

    /**
     * KEYS: message, nonce, rate counter ("" when the message does not count), last inbound ("" for WeChat's own
     * events, which open no customer-service window). ARGV: PENDING,
     * message ttl s, nonce ttl ms, rate window ms, last-inbound value, last-inbound ttl ms.
     * Answers {'known', stored}, {'replay'} or {'first', rate count}. Everything that can fail on a key of the wrong
     * type runs before the first write, so a failure claims nothing.
     * (GET-or-SET: SET NX GET needs Redis 7; the embedded Redis is 6.2.)
     */
    private static final RedisScript ADMIT = new RedisScript(RateLimiter.COUNT_HIT + """
            local stored = redis.call('GET', KEYS[1])
            if stored then return {'known', stored} end
            if redis.call('EXISTS', KEYS[2]) == 1 then return {'replay'} end
            local count = 0
            if KEYS[3] ~= '' then count = countHit(KEYS[3], ARGV[4]) end
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            if KEYS[4] ~= '' then redis.call('SET', KEYS[4], ARGV[5], 'PX', ARGV[6]) end
            return {'first', count}
            """);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final WechatConfig config;
    private final RateLimiter limiter;
    private final CustomerServiceWindow window;

    CallbackDedupe(ReactiveRedisDataSource redis, WechatConfig config, RateLimiter limiter,
                   CustomerServiceWindow window) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.config = config;
        this.limiter = limiter;
        this.window = window;
    }

    /**
     * What a message id is known as: first sight (we own it; with the sender's rate-limit verdict), still being
     * handled, or answered.
     */
    record Claim(boolean first, boolean pending, Optional<String> reply, RateLimiter.Verdict verdict) {
    }

    /** Claims a message; fails with CALLBACK_REPLAYED when its signed query was already used by another message. */
    Uni<Claim> admit(String messageKey, CallbackParams p, IncomingMessage message, boolean byUser) {
        CustomerServiceWindow.Inbound inbound = window.inboundNow(message.openid());
        boolean counts = byUser && RateLimiter.counts(message);
        List<String> keys = List.of(MSG + messageKey, nonceKey(p), counts ? RateLimiter.key(message.openid()) : "",
                byUser ? inbound.key() : "");
        List<String> args = List.of(PENDING, Long.toString(config.mp().dedupeTtl().toSeconds()),
                Long.toString(config.mp().replayWindow().multipliedBy(2).toMillis()),
                Long.toString(limiter.windowMillis()), inbound.value(), Long.toString(inbound.ttlMillis()));
        return ADMIT.run(redis, keys, args).map(this::claim);
    }

    private Claim claim(Response r) {
        return switch (r.get(0).toString()) {
            case "known" -> known(r.get(1).toString());
            case "first" -> new Claim(true, false, Optional.empty(), limiter.verdict(r.get(1).toLong()));
            // Same signed query, different message: someone is replaying a captured request.
            default -> throw CallbackRejected.replayed();
        };
    }

    private static Claim known(String stored) {
        if (PENDING.equals(stored)) {
            return new Claim(false, true, Optional.empty(), null);
        }
        return new Claim(false, false, stored.startsWith(REPLY) ? Optional.of(stored.substring(REPLY.length()))
                : Optional.empty(), null);
    }

    Uni<Void> complete(String messageKey, String replyOrNull) {
        return values.setex(MSG + messageKey, config.mp().dedupeTtl().toSeconds(),
                replyOrNull == null ? NO_REPLY : REPLY + replyOrNull);
    }

    /** Waits (polling) for a retry's first attempt to finish, up to the deadline. */
    Uni<Claim> awaitAnswer(String messageKey, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        return values.get(MSG + messageKey)
                .map(stored -> stored == null ? new Claim(false, false, Optional.empty(), null) : known(stored))
                .repeat().withDelay(Duration.ofMillis(100))
                .whilst(c -> c.pending() && System.nanoTime() < deadline)
                .collect().last();
    }

    private static String nonceKey(CallbackParams p) {
        return "linli:wx:nonce:" + p.timestamp() + ":" + p.nonce() + ":" + p.signature();
    }
}
