package org.linli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.linli.common.infra.RequiredServers;

/**
 * Prepares PostgreSQL and Redis before Quarkus reads its runtime configuration: starts embedded real servers
 * when asked to (linli.embedded-services, dev mode and tests only), and refuses to start, with a clear message,
 * when the configured ones are down in production.
 */
@QuarkusMain
public class LinliMain {

    public static void main(String... args) {
        try {
            RequiredServers.prepare().forEach(System::setProperty);
        } catch (RequiredServers.Unreachable e) {
            // Logging is not configured before Quarkus starts, so the reason goes straight to stderr.
            System.err.println("FATAL Linli cannot start: " + e.getMessage());
            System.exit(1);
        }
        Quarkus.run(args);
    }
}
