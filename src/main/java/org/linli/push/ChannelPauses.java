package org.linli.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels paused after WeChat answered 45009 (quota reached), shared by all replicas through a Redis key with a
 * TTL ({@code linli:push:paused:<CHANNEL>} → resume instant). Each replica reads the key at most about once a second
 * per channel (one read at a time; meanwhile the others use what is known), so a paused channel costs no WeChat calls and
 * almost no Redis calls.
 */
@Singleton
class ChannelPauses {

    static final String PREFIX = "linli:push:paused:";
    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private record Known(long checkedAt, Instant until) {
        boolean fresh() {
            return System.nanoTime() - checkedAt < RECHECK_NANOS;
        }
    }

    private final ReactiveValueCommands<String, String> values;
    private final Clock clock;
    private final Map<Channel, Known> known = new ConcurrentHashMap<>();
    private final Map<Channel, Uni<Optional<Instant>>> reading = new ConcurrentHashMap<>();

    ChannelPauses(ReactiveRedisDataSource redis, Clock clock) {
        this.values = redis.value(String.class);
        this.clock = clock;
    }

    /** When the channel resumes, if it is paused now. */
    Uni<Optional<Instant>> pausedUntil(Channel channel) {
        Known cached = known.get(channel);
        if (cached == null) {
            return sharedRead(channel);
        }
        if (!cached.fresh() && !reading.containsKey(channel)) {
            sharedRead(channel).subscribe().with(ignored -> { }, ignored -> { });
        }
        return Uni.createFrom().item(active(cached.until()));
    }

    private Uni<Optional<Instant>> sharedRead(Channel channel) {
        Uni<Optional<Instant>> mine = read(channel).memoize().indefinitely();
        Uni<Optional<Instant>> running = reading.putIfAbsent(channel, mine);
        return running != null ? running : mine;
    }

    /** One read at a time per channel; everyone asking meanwhile shares it. */
    private Uni<Optional<Instant>> read(Channel channel) {
        return values.get(PREFIX + channel)
                .map(value -> value == null ? null : Instant.ofEpochMilli(Long.parseLong(value)))
                .invoke(until -> known.put(channel, new Known(System.nanoTime(), until)))
                .eventually(() -> {
                    reading.remove(channel);
                })
                .map(this::active);
    }

    /** Pauses the channel unless it already is; answers when it resumes. */
    Uni<Instant> pause(Channel channel, Duration duration) {
        Instant until = clock.instant().plus(duration);
        String key = PREFIX + channel;
        return values.set(key, String.valueOf(until.toEpochMilli()), new SetArgs().nx().px(duration.toMillis()))
                .chain(() -> values.get(key))
                .map(current -> current == null ? until : Instant.ofEpochMilli(Long.parseLong(current)))
                .invoke(resume -> known.put(channel, new Known(System.nanoTime(), resume)));
    }

    /** Drops what this replica remembers (tests clear Redis between cases). */
    void forget() {
        known.clear();
        reading.clear();
    }

    private Optional<Instant> active(Instant until) {
        return Optional.ofNullable(until).filter(u -> u.isAfter(clock.instant()));
    }
}
