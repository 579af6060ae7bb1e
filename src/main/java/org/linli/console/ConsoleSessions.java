package org.linli.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.identity.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions in Redis, apart from the API's bearer sessions: a console cookie is no bearer token and the other
 * way round. Each session holds the staff {@link Caller} and its CSRF token (synchronizer token pattern). Keys are
 * the SHA-256 of the cookie value, with a sliding TTL.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final String PREFIX = "linli:console:session:";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(Caller caller, String csrf) {
    }

    public record Opened(String cookie, Session session) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final ConsoleConfig config;

    ConsoleSessions(ReactiveRedisDataSource redis, ObjectMapper json, ConsoleConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
    }

    public Uni<Opened> open(Caller caller) {
        String cookie = randomToken();
        Session session = new Session(caller, randomToken());
        return values.setex(key(cookie), config.sessionTtl().toSeconds(), write(session))
                .replaceWith(new Opened(cookie, session));
    }

    public Uni<Optional<Session>> find(String cookie) {
        return values.getex(key(cookie), new GetExArgs().ex(config.sessionTtl()))
                .map(stored -> Optional.ofNullable(stored).map(this::read));
    }

    public Uni<Void> close(String cookie) {
        return redis.key().del(key(cookie)).replaceWithVoid();
    }

    static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Compares without leaking where two tokens first differ. */
    static boolean same(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String cookie) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
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

    private Session read(String stored) {
        try {
            return json.readValue(stored, Session.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable console session", e);
        }
    }
}
