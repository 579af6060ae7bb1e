package org.linli.identity;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.RedisScript;

import java.util.List;

/**
 * Counts password attempts per username in Redis, shared by every replica. An attempt is counted in one script
 * before its password is checked, so parallel guesses cannot get more than {@code max-failures} checks within
 * {@code lock-duration}; a correct password resets the count.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String PREFIX = "linli:login-failures:";
    private static final RedisScript COUNT = new RedisScript("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""");
    private static final RedisScript REFUND = new RedisScript("""
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n > 0 then redis.call('DECR', KEYS[1]) end
            return n""");

    private final ReactiveRedisDataSource redis;
    private final AuthConfig config;

    LoginThrottle(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Counts one attempt; true when it is within the budget and the password may be checked. */
    public Uni<Boolean> admit(String username) {
        return COUNT.run(redis, List.of(key(username)), List.of(Long.toString(config.lockDuration().toMillis())))
                .map(n -> n.toLong() <= config.maxFailures());
    }

    /** Gives back an attempt that was counted but never checked (the password pool was full). */
    public Uni<Void> refund(String username) {
        return REFUND.run(redis, List.of(key(username)), List.of()).replaceWithVoid();
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
