package org.linli.wechat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.linli.common.RedisScript;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

    /**
     * KEYS: last inbound. ARGV: window ms, now ms, counter key prefix. Counts one send in the window of the last
     * inbound message, the counter expiring with the window; nil outside any window. One step, so the counter never
     * lives without its expiry. (The counter's key is built here from the last inbound time: single Redis only.)
     */
    private static final RedisScript RESERVE = new RedisScript("""
            local last = redis.call('GET', KEYS[1])
            if not last then return nil end
            local windowEnd = tonumber(last) + tonumber(ARGV[1])
            if windowEnd <= tonumber(ARGV[2]) then return nil end
            local counter = ARGV[3] .. last
            local sent = redis.call('INCR', counter)
            if sent == 1 then redis.call('PEXPIREAT', counter, windowEnd) end
            return sent
            """);

    private final ReactiveRedisDataSource reactive;
    private final Clock clock;

    CustomerServiceWindow(ReactiveRedisDataSource reactive, Clock clock) {
        this.reactive = reactive;
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
        return inbound(openid, clock.instant());
    }

    /**
     * Records an inbound message received at {@code at} (tests place one hours back); the window closes
     * {@link #WINDOW} after it. The gateway itself uses {@link #inboundNow} inside its admission script.
     */
    public Uni<Void> recordInbound(String openid, Instant at) {
        Inbound write = inbound(openid, at);
        return write.ttlMillis() <= 0 ? Uni.createFrom().voidItem()
                : reactive.value(String.class).set(write.key(), write.value(), new SetArgs().px(write.ttlMillis()));
    }

    private Inbound inbound(String openid, Instant at) {
        long left = WINDOW.minus(Duration.between(at, clock.instant())).toMillis();
        return new Inbound(LAST_INBOUND + openid, String.valueOf(at.toEpochMilli()), left);
    }

    /**
     * Takes one of the window's sends (blocking: called from the push send pool). False when the user has not written
     * within 48 h or the window's {@value #MAX_PER_WINDOW} sends are used.
     */
    public boolean reserve(String openid) {
        Response sent = RESERVE.run(reactive, List.of(LAST_INBOUND + openid),
                        List.of(Long.toString(WINDOW.toMillis()), Long.toString(clock.instant().toEpochMilli()),
                                SENT + openid + ":"))
                .await().atMost(Duration.ofSeconds(5));
        return sent != null && sent.toLong() <= MAX_PER_WINDOW;
    }
}
