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
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opaque login tokens in Redis with a sliding TTL ({@code linli.auth.session-ttl}) and an absolute lifetime
 * ({@code linli.auth.session-max-age}). Only a SHA-256 of the token is used as the key, so a Redis dump does not
 * hand out live tokens.
 */
@ApplicationScoped
public class SessionStore {

    private static final String PREFIX = "linli:session:";
    /** The web console's cookie sessions: same lifetimes, another namespace, so a cookie is no bearer token. */
    private static final String CONSOLE_PREFIX = "linli:console-session:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final AuthConfig config;
    private final Clock clock;

    SessionStore(ReactiveRedisDataSource redis, ObjectMapper json, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    public Uni<String> open(Caller caller) {
        return open(PREFIX, caller);
    }

    public Uni<String> openConsole(Caller caller) {
        return open(CONSOLE_PREFIX, caller);
    }

    private Uni<String> open(String prefix, Caller caller) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Session session = new Session(caller.kind(), caller.id(), clock.instant());
        return values.setex(key(prefix, token), config.sessionTtl().toSeconds(), write(session)).replaceWith(token);
    }

    /** The token's session, sliding its idle TTL; empty when unknown, idle too long or older than the max age. */
    Uni<Optional<Session>> find(String token) {
        return find(PREFIX, token);
    }

    Uni<Optional<Session>> findConsole(String token) {
        return find(CONSOLE_PREFIX, token);
    }

    private Uni<Optional<Session>> find(String prefix, String token) {
        String key = key(prefix, token);
        return values.getex(key, new GetExArgs().ex(config.sessionTtl()))
                .chain(stored -> {
                    Optional<Session> session = Optional.ofNullable(stored).flatMap(this::read);
                    if (session.isPresent()
                            && session.get().openedAt().plus(config.sessionMaxAge()).isAfter(clock.instant())) {
                        return Uni.createFrom().item(session);
                    }
                    return stored == null ? Uni.createFrom().item(Optional.<Session>empty())
                            : redis.key().del(key).replaceWith(Optional.<Session>empty());
                });
    }

    public Uni<Void> close(String token) {
        return redis.key().del(key(token)).replaceWithVoid();
    }

    public Uni<Void> closeConsole(String token) {
        return redis.key().del(key(CONSOLE_PREFIX, token)).replaceWithVoid();
    }

    static String key(String token) {
        return key(PREFIX, token);
    }

    private static String key(String prefix, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Session session) {
        try {
            return json.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sessions written by an older release (another shape) are simply not valid any more. */
    private Optional<Session> read(String stored) {
        try {
            Session s = json.readValue(stored, Session.class);
            return s.kind() == null || s.openedAt() == null ? Optional.empty() : Optional.of(s);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
