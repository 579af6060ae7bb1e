package org.linli.identity;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * WeChat's session_key for a resident, kept server-side only (needed to decrypt data the Mini-Program sends
 * later, e.g. a phone number). Never returned to any client.
 */
@ApplicationScoped
public class MiniSessionKeys {

    private static final Duration TTL = Duration.ofDays(3);

    private final ReactiveRedisDataSource redis;

    MiniSessionKeys(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> remember(long residentId, String sessionKey) {
        if (sessionKey == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.value(String.class).setex(key(residentId), TTL.toSeconds(), sessionKey);
    }

    public Uni<String> find(long residentId) {
        return redis.value(String.class).get(key(residentId));
    }

    private static String key(long residentId) {
        return "linli:mini-session-key:" + residentId;
    }
}
