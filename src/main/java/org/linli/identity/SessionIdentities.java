package org.linli.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** A {@link Caller} as a Quarkus {@link SecurityIdentity}: roles of {@link Access}, the caller as an attribute. */
final class SessionIdentities {

    private static final String CALLER = "linli.caller";

    private SessionIdentities() {
    }

    static SecurityIdentity of(Caller caller) {
        var builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.kind().name().toLowerCase() + ":" + caller.id()))
                .addAttribute(CALLER, caller)
                .addRole(caller.isStaff() ? Access.STAFF : Access.RESIDENT);
        if (caller.isPlatformAdmin()) {
            builder.addRole(Access.PLATFORM_ADMIN);
        }
        return builder.build();
    }

    /** The caller of an identity built here; null for the anonymous identity. */
    static Caller caller(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(CALLER);
    }
}
