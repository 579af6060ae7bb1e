package org.linli.console;

import jakarta.enterprise.context.RequestScoped;
import org.linli.identity.Caller;

import java.util.Optional;

/** The console session of the current request, set by {@link ConsoleCookieAuth}. */
@RequestScoped
public class ConsoleRequest {

    private ConsoleSessions.Session session;
    private String cookie;

    void set(String cookie, ConsoleSessions.Session session) {
        this.cookie = cookie;
        this.session = session;
    }

    Optional<Caller> caller() {
        return Optional.ofNullable(session).map(ConsoleSessions.Session::caller);
    }

    /** The synchronizer token every console form and htmx request sends back. */
    String csrf() {
        return session == null ? "" : session.csrf();
    }

    Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }
}
