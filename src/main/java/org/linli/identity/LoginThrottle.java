package org.linli.identity;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts wrong passwords per username in Redis, shared by every replica; locks after too many. */
@ApplicationScoped
public class LoginThrottle {

    private static final String PREFIX = "linli:login-failures:";

    private final ReactiveRedisDataSource redis;
    private final AuthConfig config;

    LoginThrottle(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Boolean> isLocked(String username) {
        return redis.value(Long.class).get(key(username))
                .map(count -> count != null && count >= config.maxFailures());
    }

    public Uni<Void> recordFailure(String username) {
        return redis.value(Long.class).incr(key(username))
                .chain(count -> count == 1
                        ? redis.key().expire(key(username), config.lockDuration()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    public Uni<Void> reset(String username) {
        return redis.key().del(key(username)).replaceWithVoid();
    }

    public long lockMinutes() {
        return Math.max(1, config.lockDuration().toMinutes());
    }

    private static String key(String username) {
        return PREFIX + username.toLowerCase();
    }
}
