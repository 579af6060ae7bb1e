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
 * TTL ({@code linli:push:paused:<CHANNEL>} → resume instant). Each replica looks at the key at most once a second,
 * so a paused channel costs no WeChat calls and almost no Redis calls.
 */
@Singleton
class ChannelPauses {

    static final String PREFIX = "linli:push:paused:";
    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private record Known(long checkedAt, Instant until) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final Clock clock;
    private final Map<Channel, Known> known = new ConcurrentHashMap<>();

    ChannelPauses(ReactiveRedisDataSource redis, Clock clock) {
        this.values = redis.value(String.class);
        this.clock = clock;
    }

    /** When the channel resumes, if it is paused now. */
    Uni<Optional<Instant>> pausedUntil(Channel channel) {
        Known cached = known.get(channel);
        if (cached != null && System.nanoTime() - cached.checkedAt() < RECHECK_NANOS) {
            return Uni.createFrom().item(active(cached.until()));
        }
        return values.get(PREFIX + channel).map(value -> {
            Instant until = value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
            known.put(channel, new Known(System.nanoTime(), until));
            return active(until);
        });
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

    private Optional<Instant> active(Instant until) {
        return Optional.ofNullable(until).filter(u -> u.isAfter(clock.instant()));
    }
}
