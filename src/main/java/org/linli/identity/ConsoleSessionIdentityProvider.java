package org.linli.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A console cookie → the caller, grants re-read on every request exactly as for bearer tokens. */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<ConsoleCookieMechanism.CookieRequest> {

    private final SessionStore sessions;
    private final SessionIdentityProvider callers;

    ConsoleSessionIdentityProvider(SessionStore sessions, SessionIdentityProvider callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @Override
    public Class<ConsoleCookieMechanism.CookieRequest> getRequestType() {
        return ConsoleCookieMechanism.CookieRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleCookieMechanism.CookieRequest request,
                                              AuthenticationRequestContext context) {
        return sessions.findConsole(request.token)
                .chain(found -> found.filter(s -> s.kind() == Caller.Kind.STAFF)
                        .map(callers::callerOf)
                        .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("TOKEN_INVALID"))))
                .map(SessionIdentities::of);
    }
}
