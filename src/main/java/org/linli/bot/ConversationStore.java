package org.linli.bot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.RedisScript;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversation state in Redis, one hash per openid ({@code linli:bot:conv:{openid}}) with an idle TTL, so any
 * replica can continue any conversation. It is read when the openid's lock is taken ({@link OpenidLock#acquire})
 * and written as the lock is released, fenced by the lock's token: a message whose lock expired meanwhile cannot
 * overwrite what the next holder wrote.
 */
@ApplicationScoped
public class ConversationStore {

    public static final String PREFIX = "linli:bot:conv:";

    /** KEYS: lock, state. ARGV: token, ttl ms, field, value, ... (no pairs: delete). Returns 1 when written. */
    private static final RedisScript SAVE_AND_RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[2])
            if #ARGV > 2 then
              redis.call('HSET', KEYS[2], unpack(ARGV, 3))
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
            end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final BotConfig config;

    ConversationStore(ReactiveRedisDataSource redis, BotConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public static String key(String openid) {
        return PREFIX + openid;
    }

    /**
     * Replaces the state (null: ends the conversation) and releases the lock, if the lock is still held with this
     * token; false (nothing written) otherwise.
     */
    Uni<Boolean> saveAndRelease(String openid, String lockToken, ConversationState state) {
        List<String> args = new ArrayList<>(List.of(lockToken, Long.toString(config.conversationTtl().toMillis())));
        if (state != null) {
            state.toHash().forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
        }
        return SAVE_AND_RELEASE.run(redis, List.of(OpenidLock.key(openid), key(openid)), args)
                .map(r -> r != null && r.toLong() == 1L);
    }

    /** Forgets the conversation (unsubscribe). */
    Uni<Void> clear(String openid) {
        return redis.key().del(key(openid)).replaceWithVoid();
    }
}
