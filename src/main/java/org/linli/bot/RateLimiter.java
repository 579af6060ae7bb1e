package org.linli.bot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.RedisScript;

import java.util.List;

/**
 * Messages per openid per window, counted in Redis so every replica shares the count (fixed window; the counter
 * and its expiry are set in one script so a counter can never outlive its window). The gateway counts inside its
 * own admission script with {@link #COUNT_HIT} and hands the bot the {@link #verdict}.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String PREFIX = "linli:bot:rate:";

    /** Lua: {@code countHit(key, windowMillis)} increments the window's counter and returns it. */
    public static final String COUNT_HIT = """
            local function countHit(key, windowMillis)
              local count = redis.call('INCR', key)
              if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, windowMillis) end
              return count
            end
            """;
    private static final RedisScript HIT = new RedisScript(COUNT_HIT + "return countHit(KEYS[1], ARGV[1])");

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

    public static String key(String openid) {
        return PREFIX + openid;
    }

    /** Whether the message counts against its sender's limit (unsubscribing and unusable messages do not). */
    public static boolean counts(IncomingMessage message) {
        return message != null && message.openid() != null && !message.openid().isBlank() && message.kind() != null
                && message.kind() != IncomingMessage.Kind.UNSUBSCRIBE;
    }

    public long windowMillis() {
        return config.rateLimit().window().toMillis();
    }

    /** The verdict on the count-th message of a window. */
    public Verdict verdict(long count) {
        int limit = config.rateLimit().messages();
        return count <= limit ? Verdict.ALLOWED : count == limit + 1 ? Verdict.FIRST_REFUSAL : Verdict.REFUSED;
    }

    public Uni<Verdict> hit(String openid) {
        return HIT.run(redis, List.of(key(openid)), List.of(Long.toString(windowMillis())))
                .map(r -> verdict(r.toLong()));
    }
}
