package org.linli.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

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
    private final Map<Channel, Integer> rates = new EnumMap<>(Channel.class);
    private final Map<Channel, Integer> inHand = new EnumMap<>(Channel.class);
    private volatile String sha;

    RateLimiter(ReactiveRedisDataSource redis, PushConfig config) {
        this.redis = redis;
        this.globalRate = config.rate().global();
        for (Channel channel : Channel.values()) {
            rates.put(channel, config.rate().channel().getOrDefault(channel.name(), config.rate().defaultPerChannel()));
            inHand.put(channel, 0);
        }
    }

    /** Completes when one send on this channel may go out. */
    Uni<Void> acquire(Channel channel) {
        if (takeInHand(channel)) {
            return Uni.createFrom().voidItem();
        }
        return take(channel, chunk(channel)).chain(granted -> {
            if (granted.count() > 0) {
                keep(channel, granted.count() - 1);
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().voidItem()
                    .onItem().delayIt().by(Duration.ofMillis(Math.max(granted.waitMillis(), 5)))
                    .chain(() -> acquire(channel));
        });
    }

    private synchronized boolean takeInHand(Channel channel) {
        int left = inHand.get(channel);
        if (left > 0) {
            inHand.put(channel, left - 1);
            return true;
        }
        return false;
    }

    private synchronized void keep(Channel channel, int tokens) {
        inHand.merge(channel, tokens, Integer::sum);
    }

    /** About 1/20 s worth of tokens, so a replica never sits on more than a blink of the shared rate. */
    private int chunk(Channel channel) {
        return Math.max(1, Math.min(Math.min(globalRate, rates.get(channel)) / 20, 50));
    }

    private record Granted(int count, long waitMillis) {
    }

    private Uni<Granted> take(Channel channel, int want) {
        int channelRate = rates.get(channel);
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
