package org.linli.bot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Messages per openid per window, counted in Redis so every replica shares the count (fixed window; the counter
 * and its expiry are set in one script so a counter can never outlive its window).
 */
@ApplicationScoped
public class RateLimiter {

    public static final String PREFIX = "linli:bot:rate:";
    private static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count
            """;

    public enum Verdict {
        ALLOWED,
        /** The first message over the limit: answered once, politely. */
        FIRST_REFUSAL,
        /** Further messages in the same window: silence. */
        REFUSED
    }

    private final ReactiveRedisDataSource redis;
    private final BotConfig config;

    RateLimiter(ReactiveRedisDataSource redis, BotConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Verdict> hit(String openid) {
        int limit = config.rateLimit().messages();
        return redis.execute("EVAL", HIT, "1", PREFIX + openid,
                        Long.toString(config.rateLimit().window().toMillis()))
                .map(r -> {
                    long count = r.toLong();
                    return count <= limit ? Verdict.ALLOWED
                            : count == limit + 1 ? Verdict.FIRST_REFUSAL : Verdict.REFUSED;
                });
    }
}
