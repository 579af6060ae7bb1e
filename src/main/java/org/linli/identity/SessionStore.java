package org.linli.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opaque login tokens in Redis with a sliding TTL. Only a SHA-256 of the token is used as the key, so a Redis
 * dump does not hand out live tokens.
 */
@ApplicationScoped
public class SessionStore {

    private static final String PREFIX = "linli:session:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final AuthConfig config;

    SessionStore(ReactiveRedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
    }

    public Uni<String> open(Caller caller) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return values.setex(key(token), config.sessionTtl().toSeconds(), write(caller)).replaceWith(token);
    }

    public Uni<Optional<Caller>> find(String token) {
        return values.getex(key(token), new GetExArgs().ex(config.sessionTtl()))
                .map(stored -> Optional.ofNullable(stored).map(this::read));
    }

    public Uni<Void> close(String token) {
        return redis.key().del(key(token)).replaceWithVoid();
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Caller caller) {
        try {
            return json.writeValueAsString(caller);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Caller read(String stored) {
        try {
            return json.readValue(stored, Caller.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable session", e);
        }
    }
}
