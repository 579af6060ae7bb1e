package org.linli.console;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.linli.identity.ConsoleCookieMechanism;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * CSRF protection of every state-changing console request: the form field {@code csrf} (or the header
 * {@code X-CSRF-Token}, which htmx sends) must carry the token of the session, which is derived from the HttpOnly
 * session cookie (SHA-256), so a page of another site can neither read nor forge it. The login form, before any
 * session, uses a double-submit cookie. Anything else is 403.
 */
public class ConsoleCsrf {

    static final String LOGIN_COOKIE = "linli_console_login";
    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ServerRequestFilter
    @CsrfChecked
    @WithFormRead
    public Uni<Response> check(ResteasyReactiveContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (SAFE.contains(request.getMethod()) || !(path.equals("/console") || path.startsWith("/console/"))) {
            return Uni.createFrom().nullItem();
        }
        String expected = path.equals("/console/login")
                ? cookie(request, LOGIN_COOKIE)
                : tokenFor(cookie(request, ConsoleCookieMechanism.COOKIE));
        return Uni.createFrom().item(same(expected, submitted(request)) ? null : ConsoleErrors.csrfRejected());
    }

    /** The CSRF token of a console session; empty without a session. */
    static String tokenFor(String sessionCookie) {
        if (sessionCookie == null || sessionCookie.isBlank()) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("linli-console-csrf:" + sessionCookie).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Compares without leaking where two tokens first differ; an empty expectation matches nothing. */
    static boolean same(String expected, String given) {
        return expected != null && !expected.isEmpty() && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String submitted(ResteasyReactiveContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(FIELD, true, false);
        return field == null ? null : field.toString();
    }

    private static String cookie(ResteasyReactiveContainerRequestContext request, String name) {
        Cookie c = request.getCookies().get(name);
        return c == null ? null : c.getValue();
    }
}
