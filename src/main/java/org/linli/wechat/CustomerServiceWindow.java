package org.linli.wechat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * WeChat's customer-service (kefu) window: after a user writes to the Official Account we may send them up to
 * {@value #MAX_PER_WINDOW} customer-service messages within {@link #WINDOW}. The gateway records each inbound message
 * (the write {@link #inboundNow} describes); the kefu push channel asks {@link #reserve} before each send.
 * <p>
 * Redis: {@code linli:wx:last-inbound:<openid>} → epoch millis of the last inbound message (TTL 48 h), and
 * {@code linli:wx:kefu-sent:<openid>:<that millis>} → messages sent in that window.
 */
@Singleton
public class CustomerServiceWindow {

    public static final Duration WINDOW = Duration.ofHours(48);
    public static final int MAX_PER_WINDOW = 5;

    static final String LAST_INBOUND = "linli:wx:last-inbound:";
    static final String SENT = "linli:wx:kefu-sent:";

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource blocking;
    private final Clock clock;

    CustomerServiceWindow(ReactiveRedisDataSource reactive, RedisDataSource blocking, Clock clock) {
        this.reactive = reactive;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** The write that records an inbound message: SET key value PX ttlMillis. */
    public record Inbound(String key, String value, long ttlMillis) {
    }

    /**
     * The write that records an inbound message received now. The gateway does it inside its own admission script
     * for every message and event, so it costs no round trip of its own.
     */
    public Inbound inboundNow(String openid) {
        return new Inbound(LAST_INBOUND + openid, String.valueOf(clock.instant().toEpochMilli()), WINDOW.toMillis());
    }

    /** Records an inbound message received at {@code at}; the window closes {@link #WINDOW} after it. */
    public Uni<Void> recordInbound(String openid, Instant at) {
        Duration left = WINDOW.minus(Duration.between(at, clock.instant()));
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().voidItem();
        }
        return reactive.value(String.class)
                .set(LAST_INBOUND + openid, String.valueOf(at.toEpochMilli()), new SetArgs().px(left.toMillis()));
    }

    /**
     * Takes one of the window's sends (blocking: called from the push send pool). False when the user has not written
     * within 48 h or the window's {@value #MAX_PER_WINDOW} sends are used.
     */
    public boolean reserve(String openid) {
        String last = blocking.value(String.class).get(LAST_INBOUND + openid);
        if (last == null) {
            return false;
        }
        Instant windowEnd = Instant.ofEpochMilli(Long.parseLong(last)).plus(WINDOW);
        if (!windowEnd.isAfter(clock.instant())) {
            return false;
        }
        String counter = SENT + openid + ":" + last;
        long sent = blocking.value(String.class).incr(counter);
        if (sent == 1) {
            blocking.key().pexpireat(counter, windowEnd.toEpochMilli());
        }
        return sent <= MAX_PER_WINDOW;
    }
}
