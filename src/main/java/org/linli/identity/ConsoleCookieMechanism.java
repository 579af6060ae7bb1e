package org.linli.identity;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The web console's session cookie ({@value #COOKIE}, on {@code /console/**} only) → the session's identity,
 * beside {@link BearerTokenMechanism}. The cookie is HttpOnly, SameSite=Lax, Path=/console and Secure in prod;
 * its sessions live apart from bearer sessions ({@link SessionStore#openConsole}). CSRF is checked by the console.
 */
@ApplicationScoped
public class ConsoleCookieMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "linli_console";
    private static final int MAX_COOKIE = 100;

    /** A console cookie, to be resolved by {@link ConsoleSessionIdentityProvider}. */
    public static final class CookieRequest extends BaseAuthenticationRequest {
        final String token;

        CookieRequest(String token) {
            this.token = token;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isConsole(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > MAX_COOKIE) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new CookieRequest(cookie.getValue()), context));
    }

    /** Console pages send an unauthenticated browser to the login form. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/console/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CookieRequest.class);
    }

    /** Below the bearer mechanism, whose challenge the API keeps. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }

    static boolean isConsole(String path) {
        return path != null && (path.equals("/console") || path.startsWith("/console/"));
    }
}
