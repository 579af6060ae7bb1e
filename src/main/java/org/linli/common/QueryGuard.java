package org.linli.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Query and path parameters that PostgreSQL cannot store or compare (a NUL, a lone surrogate) are refused at the
 * edge with 400 PARAMETER_INVALID, as {@link JsonGuard} does for JSON bodies.
 */
public class QueryGuard {

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnstorableParameters(ContainerRequestContext request) {
        var uri = request.getUriInfo();
        boolean bad = uri.getQueryParameters().values().stream().flatMap(List::stream).anyMatch(JsonGuard::unstorable)
                || JsonGuard.unstorable(uri.getPath());
        return bad ? ProblemMapper.respond(400, "PARAMETER_INVALID", ProblemMessages.text("PARAMETER_INVALID"),
                List.of()) : null;
    }
}
