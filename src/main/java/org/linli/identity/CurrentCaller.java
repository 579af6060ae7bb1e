package org.linli.identity;

import jakarta.enterprise.context.RequestScoped;
import org.linli.common.Problem;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The caller of the current request, set by {@link SessionFilter}. */
@RequestScoped
public class CurrentCaller {

    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);

    private Caller caller;

    /** Set by the bearer-token filter, and by the console's cookie check for console pages. */
    public void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    public Caller require() {
        if (caller == null) {
            throw Problem.unauthorized("UNAUTHENTICATED");
        }
        return caller;
    }

    public Caller requireStaff() {
        Caller c = require();
        if (!c.isStaff()) {
            throw Problem.forbidden("STAFF_ONLY");
        }
        return c;
    }

    public long requireResident() {
        Caller c = require();
        if (c.isStaff()) {
            throw Problem.forbidden("RESIDENT_ONLY");
        }
        return c.id();
    }

    /** Staff holding one of the roles in that community; anyone else gets 403 and sees nothing of it. */
    public Caller requireStaffIn(long communityId, Role... roles) {
        Caller c = requireStaff();
        Set<Role> wanted = roles.length == 0 ? ANY_ROLE : EnumSet.of(roles[0], roles);
        if (!c.holds(communityId, wanted)) {
            throw Problem.forbidden("FORBIDDEN");
        }
        return c;
    }

    public void requirePlatformAdmin() {
        if (!requireStaff().isPlatformAdmin()) {
            throw Problem.forbidden("FORBIDDEN");
        }
    }
}
