package org.linli.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.linli.common.Problem;

import java.util.Optional;

/**
 * The caller of the current request, as authenticated by {@link BearerTokenMechanism}. Endpoints declare who may
 * call them ({@link Access}); this only hands the caller to the code behind a declared endpoint.
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(SessionIdentities.caller(identity));
    }

    public Caller require() {
        return get().orElseThrow(() -> Problem.unauthorized("UNAUTHENTICATED"));
    }

    /** The resident's id; endpoints calling this are {@code @RolesAllowed(Access.RESIDENT)}. */
    public long requireResident() {
        Caller c = require();
        if (c.isStaff()) {
            throw Problem.forbidden("RESIDENT_ONLY");
        }
        return c.id();
    }

    public Caller requireStaff() {
        Caller c = require();
        if (!c.isStaff()) {
            throw Problem.forbidden("STAFF_ONLY");
        }
        return c;
    }

    /** The staff caller's reach in a community their endpoint's permission already admitted them to. */
    public Reach reachIn(long communityId) {
        return Reach.of(requireStaff(), communityId);
    }
}
