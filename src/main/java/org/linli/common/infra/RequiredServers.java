package org.linli.common.infra;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * PostgreSQL and Redis before Quarkus starts: with linli.embedded-services=never (the packaged application's
 * default) both configured servers must answer, else the start stops with a message naming the key to fix. With
 * auto or always, the {@link LocalServers} of dev mode and the tests (src/dev/java, never packaged) decide.
 */
public final class RequiredServers {

    public enum Mode { AUTO, ALWAYS, NEVER }

    /** Starts embedded servers where needed (dev mode and tests only); returns the config keys to override. */
    public interface LocalServers {
        Map<String, String> prepare(Mode mode, String pgUrl, String redisUrl);
    }

    public static final String DEFAULT_PG_URL = "postgresql://127.0.0.1:5432/test";
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

    private RequiredServers() {
    }

    /** Reads the mode and URLs from system properties, environment and application.properties, then prepares. */
    public static Map<String, String> prepare() {
        // Set to auto by the build for quarkus:dev and tests (pom.xml); a packaged application never embeds by default.
        Mode mode = Mode.valueOf(setting("linli.embedded-services").orElse("never").trim().toUpperCase(Locale.ROOT));
        String pgUrl = setting("quarkus.datasource.reactive.url").orElse(DEFAULT_PG_URL);
        String redisUrl = setting("quarkus.redis.hosts").orElse(DEFAULT_REDIS_URL);
        if (mode == Mode.NEVER) {
            requireAnswer("PostgreSQL", pgUrl, 5432, "quarkus.datasource.reactive.url");
            requireAnswer("Redis", redisUrl, 6379, "quarkus.redis.hosts");
            return Map.of();
        }
        LocalServers local = ServiceLoader.load(LocalServers.class, RequiredServers.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new Unreachable("linli.embedded-services=" + mode.name().toLowerCase(Locale.ROOT)
                        + " asks for embedded servers, but only dev mode and the tests carry them. Set it to never"
                        + " and point quarkus.datasource.reactive.url and quarkus.redis.hosts at your servers."));
        return local.prepare(mode, pgUrl, redisUrl);
    }

    public static Optional<String> setting(String key) {
        String sys = System.getProperty(key);
        if (sys != null && !sys.isBlank()) {
            return Optional.of(sys);
        }
        try {
            return ConfigProvider.getConfig().getOptionalValue(key, String.class);
        } catch (RuntimeException | LinkageError e) {
            String env = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            return Optional.ofNullable(env);
        }
    }

    private static void requireAnswer(String what, String url, int defaultPort, String key) {
        if (!answers(url, defaultPort)) {
            throw new Unreachable(what + " at " + url + " (" + key + ") does not answer. Start it or fix " + key
                    + "; on a developer machine linli.embedded-services=auto starts an embedded one.");
        }
    }

    /** Whether something accepts TCP connections at the URL's host and port (the first host of a list). */
    public static boolean answers(String url, int defaultPort) {
        URI uri = URI.create(url.split(",")[0].trim().replaceFirst("^jdbc:", ""));
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A configured server is down while embedded servers are not allowed or not available. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }
}
