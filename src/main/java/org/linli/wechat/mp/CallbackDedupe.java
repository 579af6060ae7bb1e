package org.linli.wechat.mp;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.wechat.WechatConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * Remembers, across replicas, which callbacks were seen. A message id maps to PENDING while it is handled and
 * then to its reply, so WeChat's retries get the first answer and the side effects happen once. A (timestamp,
 * nonce, signature) used for a different message is a replay.
 */
@Singleton
class CallbackDedupe {

    private static final String PENDING = "~pending";
    private static final String NO_REPLY = "~none";
    private static final String REPLY = "r:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final WechatConfig config;

    CallbackDedupe(ReactiveRedisDataSource redis, WechatConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.config = config;
    }

    /** What a message id is known as: first sight (we own it), still being handled, or answered. */
    record Claim(boolean first, boolean pending, Optional<String> reply) {
    }

    /** GET, or SET when absent, in one atomic step (SET NX GET needs Redis 7; embedded Redis is 6.2). */
    private static final String CLAIM = "local v = redis.call('GET', KEYS[1]) if v then return v end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) return false";

    Uni<Claim> claim(String messageKey) {
        String key = "linli:wx:msg:" + messageKey;
        return redis.execute("EVAL", CLAIM, "1", key, PENDING, String.valueOf(config.mp().dedupeTtl().toSeconds()))
                .map(previous -> previous == null ? new Claim(true, false, Optional.empty()) : known(previous.toString()));
    }

    private static Claim known(String stored) {
        if (PENDING.equals(stored)) {
            return new Claim(false, true, Optional.empty());
        }
        return new Claim(false, false, stored.startsWith(REPLY) ? Optional.of(stored.substring(REPLY.length())) : Optional.empty());
    }

    Uni<Void> complete(String messageKey, String replyOrNull) {
        return values.setex("linli:wx:msg:" + messageKey, config.mp().dedupeTtl().toSeconds(),
                replyOrNull == null ? NO_REPLY : REPLY + replyOrNull);
    }

    Uni<Void> forget(String messageKey) {
        return redis.key().del("linli:wx:msg:" + messageKey).replaceWithVoid();
    }

    /** Waits (polling) for a retry's first attempt to finish, up to the deadline. */
    Uni<Claim> awaitAnswer(String messageKey, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        return values.get("linli:wx:msg:" + messageKey)
                .map(stored -> stored == null ? new Claim(false, false, Optional.empty()) : known(stored))
                .repeat().withDelay(Duration.ofMillis(100))
                .whilst(c -> c.pending() && System.nanoTime() < deadline)
                .collect().last();
    }

    /** True the first time a (timestamp, nonce, signature) is seen within the replay window. */
    Uni<Boolean> firstUseOfNonce(CallbackParams p) {
        String key = "linli:wx:nonce:" + p.timestamp() + ":" + p.nonce() + ":" + p.signature();
        return values.setAndChanged(key, "1", new SetArgs().nx().ex(config.mp().replayWindow().multipliedBy(2)));
    }
}
