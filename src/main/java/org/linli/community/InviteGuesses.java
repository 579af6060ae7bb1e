package org.linli.community;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.common.RedisScript;

import java.util.List;

/**
 * Throttles invite-code guessing: every redeem attempt is counted in Redis (one script: count, set the window on
 * the first, compare) per resident and per client IP before the code is looked up, so parallel guesses cannot
 * beat the limit either.
 */
@ApplicationScoped
public class InviteGuesses {

    private static final String PREFIX = "linli:invite-guesses:";
    private static final RedisScript COUNT = new RedisScript("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""");

    private final ReactiveRedisDataSource redis;
    private final InviteConfig.Guesses config;

    InviteGuesses(ReactiveRedisDataSource redis, InviteConfig config) {
        this.redis = redis;
        this.config = config.guesses();
    }

    public Uni<Void> admitResident(long residentId) {
        return admit("r:" + residentId, config.perResident());
    }

    public Uni<Void> admitIp(String ip) {
        return ip == null || ip.isBlank() ? Uni.createFrom().voidItem() : admit("ip:" + ip, config.perIp());
    }

    private Uni<Void> admit(String who, int limit) {
        return COUNT.run(redis, List.of(PREFIX + who), List.of(Long.toString(config.window().toMillis())))
                .invoke(n -> {
                    if (n.toLong() > limit) {
                        long minutes = Math.max(1, config.window().toMinutes());
                        throw new Problem(429, "INVITE_THROTTLED", minutes).retryAfter(config.window().toSeconds());
                    }
                })
                .replaceWithVoid();
    }
}
