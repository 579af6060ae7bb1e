package org.linli.identity;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * On first start creates the platform administrator {@code admin} with linli.bootstrap.admin-password. Without
 * one, dev mode generates a password and prints it once; prod refuses to start rather than run without an admin.
 */
@ApplicationScoped
public class BootstrapAdmin {

    public static final String USERNAME = "admin";

    private final Pool pool;
    private final StaffService staffService;
    private final Optional<String> configured;

    BootstrapAdmin(Pool pool, StaffService staffService,
                   @ConfigProperty(name = "linli.bootstrap.admin-password") Optional<String> configured) {
        this.pool = pool;
        this.staffService = staffService;
        this.configured = configured;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::ensureAdmin);
    }

    /**
     * Plain SQL for the check that runs on every start: the application's first HQL query costs Hibernate's query
     * translator a second or more of class loading and warm-up, which would be start-up time (docs/benchmarks.md).
     * Only the first start, which creates the admin, pays it here.
     */
    Uni<Void> ensureAdmin() {
        return pool.preparedQuery("SELECT 1 FROM staff_account WHERE lower(username) = $1").execute(Tuple.of(USERNAME))
                .chain(found -> found.size() > 0 ? Uni.createFrom().voidItem() : create());
    }

    private Uni<Void> create() {
        String password = configured.filter(p -> !p.isBlank()).orElseGet(BootstrapAdmin::generated);
        return staffService.create(new StaffService.NewStaff(USERNAME, "平台管理员", password,
                        List.of(new Grant(Role.ADMIN, null, null, null))))
                .invoke(() -> {
                    if (configured.isEmpty()) {
                        Log.warnf("Created platform administrator '%s' with generated password: %s"
                                + " (shown once; set linli.bootstrap.admin-password to choose it)", USERNAME, password);
                    } else {
                        Log.infof("Created platform administrator '%s'", USERNAME);
                    }
                })
                .replaceWithVoid();
    }

    private static String generated() {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("No administrator exists yet: set linli.bootstrap.admin-password"
                    + " (env LINLI_BOOTSTRAP_ADMIN_PASSWORD) for the first start");
        }
        byte[] raw = new byte[9];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
