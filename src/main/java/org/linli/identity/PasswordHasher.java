package org.linli.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Workers;

/** bcrypt (cost 10) run on worker threads: a hash takes tens of milliseconds and must not block the event loop. */
@ApplicationScoped
public class PasswordHasher {

    private final Workers workers;

    PasswordHasher(Workers workers) {
        this.workers = workers;
    }

    private static final int COST = 10;
    /** Compared against when the user does not exist, so timing does not reveal valid usernames. */
    private static final String DUMMY = BCrypt.withDefaults().hashToString(COST, "dummy-password".toCharArray());

    public Uni<String> hash(String password) {
        return workers.call(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()));
    }

    public Uni<Boolean> matches(String password, String hashOrNull) {
        return workers.call(() -> BCrypt.verifyer()
                .verify(password.toCharArray(), hashOrNull == null ? DUMMY : hashOrNull).verified && hashOrNull != null);
    }
}
