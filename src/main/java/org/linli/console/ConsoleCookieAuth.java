package org.linli.console;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.linli.identity.CurrentCaller;

import java.net.URI;
import java.util.Set;

/**
 * The console's cookie check, in one class so it can become a Quarkus {@code HttpAuthenticationMechanism} beside
 * the bearer one: for {@code /console/**} it turns the session cookie into the request's caller, sends anyone
 * without a session to the login page, and refuses every state-changing request whose CSRF token (form field
 * {@code csrf} or header {@code X-CSRF-Token}, as htmx sends it) is not the session's with 403.
 * The login form itself, before any session, is protected by a double-submit cookie.
 */
public class ConsoleCookieAuth {

    static final String COOKIE = "linli_console";
    static final String LOGIN_CSRF_COOKIE = "linli_console_login";
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ConsoleSessions sessions;
    private final ConsoleRequest console;
    private final CurrentCaller current;

    ConsoleCookieAuth(ConsoleSessions sessions, ConsoleRequest console, CurrentCaller current) {
        this.sessions = sessions;
        this.console = console;
        this.current = current;
    }

    @ServerRequestFilter
    @WithFormRead
    public Uni<Response> check(ResteasyReactiveContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return Uni.createFrom().nullItem();
        }
        boolean unsafe = !SAFE.contains(request.getMethod());
        if (path.equals("/console/login")) {
            return Uni.createFrom().item(unsafe && !ConsoleSessions.same(cookie(request, LOGIN_CSRF_COOKIE),
                    submitted(request)) ? ConsoleErrors.csrfRejected() : null);
        }
        String cookie = cookie(request, COOKIE);
        if (cookie == null || cookie.length() > 100) {
            return Uni.createFrom().item(toLogin(request, unsafe));
        }
        return sessions.find(cookie).map(found -> {
            if (found.isEmpty()) {
                return toLogin(request, unsafe);
            }
            if (unsafe && !ConsoleSessions.same(found.get().csrf(), submitted(request))) {
                return ConsoleErrors.csrfRejected();
            }
            console.set(cookie, found.get());
            current.set(found.get().caller());
            return null;
        });
    }

    private static String submitted(ResteasyReactiveContainerRequestContext request) {
        String header = request.getHeaderString(CSRF_HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CSRF_FIELD, true, false);
        return field == null ? null : field.toString();
    }

    private static String cookie(ResteasyReactiveContainerRequestContext request, String name) {
        Cookie c = request.getCookies().get(name);
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /** Pages go to the login form; htmx is told to load it; other writes get 401. */
    private static Response toLogin(ResteasyReactiveContainerRequestContext request, boolean unsafe) {
        if (request.getHeaderString("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", "/console/login").build();
        }
        if (unsafe) {
            return ConsoleErrors.page(401, "CONSOLE_LOGIN_REQUIRED");
        }
        return Response.seeOther(URI.create("/console/login")).build();
    }
}
