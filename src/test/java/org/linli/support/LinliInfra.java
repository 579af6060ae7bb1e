package org.linli.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.linli.common.infra.RequiredServers;
import org.linli.common.infra.embedded.EmbeddedServices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Points the tests at real PostgreSQL and Redis: the local ones when they answer, else (or with
 * -Dlinli.embedded-services=always) embedded real servers.
 */
public class LinliInfra implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // The test profile's URLs, spelled out: this may run before the test profile's configuration is in place.
        String mode = System.getProperty("linli.embedded-services", "auto").trim().toUpperCase(Locale.ROOT);
        String database = System.getProperty("linli.test.database", "linli_test");
        String redisDb = System.getProperty("linli.test.redis-db", "2");
        Map<String, String> overrides = new EmbeddedServices(RequiredServers.Mode.valueOf(mode),
                "postgresql://127.0.0.1:5432/" + database, "redis://127.0.0.1:6379/" + redisDb).prepare();
        flush(URI.create(overrides.getOrDefault("quarkus.redis.hosts", "redis://127.0.0.1:6379/" + redisDb)));
        return overrides;
    }

    /**
     * Empties the test Redis database, as Flyway's clean-at-start empties PostgreSQL: keys named after row ids
     * (rate limits, throttles per resident) must not outlive the rows, or a run after an interrupted one starts
     * with counts from the previous run's residents of the same id.
     */
    private static void flush(URI redis) {
        String path = redis.getPath() == null ? "" : redis.getPath().replace("/", "");
        String db = path.isEmpty() ? "0" : path;
        String command = "*2\r\n$6\r\nSELECT\r\n$" + db.length() + "\r\n" + db + "\r\n*1\r\n$7\r\nFLUSHDB\r\n";
        try (Socket socket = new Socket(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String selected = in.readLine();
            String flushed = in.readLine();
            if (!"+OK".equals(selected) || !"+OK".equals(flushed)) {
                throw new IllegalStateException("Redis did not empty the test database: " + selected + " " + flushed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty the test Redis database at " + redis, e);
        }
    }

    @Override
    public void stop() {
        // Embedded servers stop with the JVM; the next test class reuses them.
    }
}
