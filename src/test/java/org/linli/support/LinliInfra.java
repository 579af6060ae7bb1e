package org.linli.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.linli.common.infra.RequiredServers;
import org.linli.common.infra.embedded.EmbeddedServices;

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
        return new EmbeddedServices(RequiredServers.Mode.valueOf(mode),
                "postgresql://127.0.0.1:5432/" + database, "redis://127.0.0.1:6379/" + redisDb).prepare();
    }

    @Override
    public void stop() {
        // Embedded servers stop with the JVM; the next test class reuses them.
    }
}
