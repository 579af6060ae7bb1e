package org.linli.bot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Serialises the messages of one resident across replicas: a Redis lock per openid (SET NX PX with a random
 * token, released only by its holder). A message that cannot get it within {@code linli.bot.lock.max-wait} gives up,
 * so a reply still leaves within WeChat's 5 seconds.
 */
@ApplicationScoped
public class OpenidLock {

    public static final String PREFIX = "linli:bot:lock:";
    private static final Duration RETRY = Duration.ofMillis(25);
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final BotConfig config;

    OpenidLock(ReactiveRedisDataSource redis, Vertx vertx, BotConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    static String key(String openid) {
        return PREFIX + openid;
    }

    /** Runs the work holding the openid's lock (it receives the lock token); empty when the lock was not had. */
    <T> Uni<Optional<T>> withLock(String openid, Function<String, Uni<T>> work) {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + config.lock().maxWait().toNanos();
        return acquire(key(openid), token, deadline).chain(acquired -> acquired
                ? work.apply(token).map(Optional::of).eventually(() -> release(key(openid), token))
                : Uni.createFrom().item(Optional.<T>empty()));
    }

    private Uni<Boolean> acquire(String key, String token, long deadline) {
        return redis.execute("SET", key, token, "NX", "PX", Long.toString(config.lock().ttl().toMillis()))
                .chain(response -> {
                    if (response != null) {
                        return Uni.createFrom().item(true);
                    }
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom().item(false);
                    }
                    return pause().chain(() -> acquire(key, token, deadline));
                });
    }

    private Uni<Void> release(String key, String token) {
        return redis.execute("EVAL", RELEASE, "1", key, token).replaceWithVoid();
    }

    /** Waits on a Vert.x timer and resumes on the caller's context (Hibernate Reactive needs it afterwards). */
    private Uni<Void> pause() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(RETRY.toMillis(), id -> {
            if (context != null) {
                context.runOnContext(v -> emitter.complete(null));
            } else {
                emitter.complete(null);
            }
        }));
    }
}
