package org.linli.bot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.RedisScript;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serialises the messages of one resident across replicas: a Redis lock per openid (a random token with a TTL,
 * released only by its holder). The lock is taken and the conversation state read in one script; a message that
 * cannot get it within {@code linli.bot.lock.max-wait} gives up, so a reply still leaves within WeChat's 5 seconds.
 * {@link ConversationStore#saveAndRelease} writes the state and releases the lock in one script.
 */
@ApplicationScoped
public class OpenidLock {

    public static final String PREFIX = "linli:bot:lock:";
    private static final Duration RETRY = Duration.ofMillis(25);

    /** KEYS: lock, state. ARGV: token, ttl ms. Reads before writing, so a failing read leaves no lock behind. */
    private static final RedisScript TAKE_AND_READ = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return false end
            local state = redis.call('HGETALL', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return state
            """);
    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

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

    /** The lock's token and the conversation as it was when the lock was taken (null: none). */
    record Held(String token, ConversationState state) {
    }

    /** Takes the openid's lock and reads its conversation; empty when the lock was not had in time. */
    Uni<Optional<Held>> acquire(String openid) {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + config.lock().maxWait().toNanos();
        return acquire(openid, token, deadline);
    }

    private Uni<Optional<Held>> acquire(String openid, String token, long deadline) {
        return TAKE_AND_READ.run(redis, List.of(key(openid), ConversationStore.key(openid)),
                        List.of(token, Long.toString(config.lock().ttl().toMillis())))
                .chain(state -> {
                    if (state != null) {
                        return Uni.createFrom().item(Optional.of(new Held(token, ConversationState.fromHash(hash(state)))));
                    }
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom().item(Optional.<Held>empty());
                    }
                    return pause().chain(() -> acquire(openid, token, deadline));
                });
    }

    /** Releases the lock if this token still holds it. */
    Uni<Void> release(String openid, String token) {
        return RELEASE.run(redis, List.of(key(openid)), List.of(token)).replaceWithVoid();
    }

    /** HGETALL as a script answers it: field, value, field, value, ... */
    private static Map<String, String> hash(Response flat) {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return hash;
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
