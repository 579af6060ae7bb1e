package org.linli.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.linli.common.infra.embedded.EmbeddedServices;

import java.util.Map;

/**
 * Points the tests at real PostgreSQL and Redis: the local ones when they answer, else (or with
 * -Dlinli.embedded-services=always) embedded real servers.
 */
public class LinliInfra implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return EmbeddedServices.fromEnvironment().prepare();
    }

    @Override
    public void stop() {
        // Embedded servers stop with the JVM; the next test class reuses them.
    }
}
