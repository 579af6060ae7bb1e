package org.linli.push;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Send rates shared by all replicas: a global token bucket and one per channel in Redis, taken together and
 * atomically by one Lua script (on Redis time, so replica clocks do not matter). A replica takes tokens a handful at
 * a time and spends them locally, so Redis sees a few calls per second rather than one per send.
 */
@Singleton
class RateLimiter {

    static final String PREFIX = "linli:push:rate:";

    /**
     * KEYS: bucket hashes. ARGV[1]: tokens wanted; then rate (tokens/s) and burst for each key. Refills every bucket,
     * grants the largest count all of them can give, and answers {granted, ms until one more token}.
     */
    private static final String TAKE = """
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local want = tonumber(ARGV[1])
            local grant = want
            local level = {}
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i])
              local burst = tonumber(ARGV[2 * i + 1])
              local v = redis.call('HMGET', key, 'tokens', 'at')
              local tokens = tonumber(v[1]) or burst
              local at = tonumber(v[2]) or now
              if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end
              level[i] = tokens
              grant = math.min(grant, math.floor(tokens))
            end
            if grant < 0 then grant = 0 end
            local wait = 0
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i])
              local left = level[i] - grant
              redis.call('HSET', key, 'tokens', tostring(left), 'at', now)
              redis.call('PEXPIRE', key, 60000)
              if left < 1 then wait = math.max(wait, math.ceil((1 - left) * 1000 / rate)) end
            end
            return {grant, wait}""";

    private final ReactiveRedisDataSource redis;
    private final int globalRate;
    private final Map<Channel, Permits> permits = new EnumMap<>(Channel.class);
    private volatile String sha;

    @Inject
    RateLimiter(ReactiveRedisDataSource redis, PushConfig config) {
        this(redis, config.rate().global(), rates(config.rate()));
    }

    RateLimiter(ReactiveRedisDataSource redis, int globalRate, Map<Channel, Integer> channelRates) {
        this.redis = redis;
        this.globalRate = globalRate;
        for (Channel channel : Channel.values()) {
            permits.put(channel, new Permits(channel, channelRates.getOrDefault(channel, globalRate)));
        }
    }

    private static Map<Channel, Integer> rates(PushConfig.Rate config) {
        Map<Channel, Integer> rates = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            rates.put(channel, config.channel().getOrDefault(channel.name(), config.defaultPerChannel()));
        }
        return rates;
    }

    /** Completes when one send on this channel may go out. */
    Uni<Void> acquire(Channel channel) {
        return permits.get(channel).acquire();
    }

    /**
     * Tokens this replica holds for one channel, and the sends waiting for one (first come, first served). One
     * refill from Redis at a time: waiters share it instead of each asking Redis.
     */
    private final class Permits {
        private final Channel channel;
        private final int rate;
        private final Queue<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
        private int inHand;
        private boolean refilling;

        Permits(Channel channel, int rate) {
            this.channel = channel;
            this.rate = rate;
        }

        Uni<Void> acquire() {
            return Uni.createFrom().emitter(emitter -> {
                boolean go = false;
                boolean refill = false;
                synchronized (this) {
                    if (inHand > 0 && waiting.isEmpty()) {
                        inHand--;
                        go = true;
                    } else {
                        waiting.add(emitter);
                        refill = !refilling;
                        refilling = true;
                    }
                }
                if (go) {
                    emitter.complete(null);
                } else if (refill) {
                    refill(Duration.ZERO);
                }
            });
        }

        /** About 1/20 s worth of tokens (at least what is waiting), so no replica sits on much of the shared rate. */
        private int want() {
            int chunk = Math.max(1, Math.min(globalRate, rate) / 20);
            synchronized (this) {
                return Math.min(Math.max(chunk, waiting.size()), Math.max(1, Math.min(globalRate, rate)));
            }
        }

        private void refill(Duration after) {
            Uni<Void> wait = after.isZero() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(after);
            wait.chain(() -> take(channel, rate, want()))
                    .subscribe().with(this::granted, e -> {
                        Log.warnf("Rate limiter could not reach Redis (%s); sends wait", e.toString());
                        refill(Duration.ofMillis(200));
                    });
        }

        private void granted(Granted granted) {
            List<UniEmitter<? super Void>> go = new ArrayList<>();
            boolean more;
            synchronized (this) {
                inHand += granted.count();
                while (inHand > 0 && !waiting.isEmpty()) {
                    inHand--;
                    go.add(waiting.poll());
                }
                more = !waiting.isEmpty();
                refilling = more;
            }
            go.forEach(e -> e.complete(null));
            if (more) {
                refill(Duration.ofMillis(granted.count() > 0 ? 0 : Math.max(granted.waitMillis(), 5)));
            }
        }
    }

    private record Granted(int count, long waitMillis) {
    }

    private Uni<Granted> take(Channel channel, int channelRate, int want) {
        String[] args = {"2", PREFIX + "global", PREFIX + channel.name(), String.valueOf(want),
                String.valueOf(globalRate), String.valueOf(burst(globalRate)),
                String.valueOf(channelRate), String.valueOf(burst(channelRate))};
        return eval(args).map(r -> new Granted(r.get(0).toInteger(), r.get(1).toLong()));
    }

    private static int burst(int rate) {
        return Math.max(rate, 1);
    }

    private Uni<Response> eval(String[] keysAndArgs) {
        String known = sha;
        if (known == null) {
            return redis.execute("SCRIPT", "LOAD", TAKE)
                    .invoke(r -> sha = r.toString())
                    .chain(() -> eval(keysAndArgs));
        }
        String[] command = new String[keysAndArgs.length + 1];
        command[0] = known;
        System.arraycopy(keysAndArgs, 0, command, 1, keysAndArgs.length);
        return redis.execute("EVALSHA", command)
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("NOSCRIPT"))
                .recoverWithUni(() -> {
                    sha = null;
                    return eval(keysAndArgs);
                });
    }
}
