package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token into the caller. Staff accounts and their grants are read from PostgreSQL on every request,
 * so disabling an account, revoking a grant or changing a role takes effect with the next request.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final SessionStore sessions;
    private final StaffRepository staff;

    SessionIdentityProvider(SessionStore sessions, StaffRepository staff) {
        this.sessions = sessions;
        this.staff = staff;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return sessions.find(request.getToken().getToken())
                .chain(found -> found.map(this::callerOf).orElseGet(() -> rejected("TOKEN_INVALID")))
                .map(SessionIdentities::of);
    }

    /** The caller a session stands for, with grants and account status read now; also the console's. */
    Uni<Caller> callerOf(Session session) {
        if (session.kind() == Caller.Kind.RESIDENT) {
            return Uni.createFrom().item(Caller.resident(session.id()));
        }
        return Panache.withSession(() -> staff.findById(session.id()).chain(account -> {
            if (account == null) {
                return rejected("TOKEN_INVALID");
            }
            if (!account.enabled) {
                return rejected("ACCOUNT_DISABLED");
            }
            return staff.grantsOf(account.id).map(grants -> Caller.staff(account.id, account.displayName, grants));
        }));
    }

    private static <T> Uni<T> rejected(String code) {
        return Uni.createFrom().failure(new AuthenticationFailedException(code));
    }
}
