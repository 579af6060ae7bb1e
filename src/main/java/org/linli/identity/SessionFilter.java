package org.linli.identity;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.linli.common.Problem;
import org.linli.common.ProblemMapper;

/** Resolves {@code Authorization: Bearer <token>} into the request's {@link CurrentCaller}. */
public class SessionFilter {

    private final SessionStore sessions;
    private final CurrentCaller current;

    SessionFilter(SessionStore sessions, CurrentCaller current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 200) {
            return Uni.createFrom().item(rejected());
        }
        return sessions.find(header.substring(7).trim()).map(found -> {
            if (found.isEmpty()) {
                return rejected();
            }
            current.set(found.get());
            return null;
        });
    }

    private static Response rejected() {
        return new ProblemMapper().problem(Problem.unauthorized("TOKEN_INVALID"));
    }
}
