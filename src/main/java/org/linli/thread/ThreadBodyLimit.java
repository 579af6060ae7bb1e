package org.linli.thread;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.linli.common.Problem;
import org.linli.common.ProblemMapper;

import java.util.regex.Pattern;

/** Thread writes carry text and photo references only: a declared body over 64 KB is refused with 413. */
@Singleton
public class ThreadBodyLimit {

    static final long MAX_BYTES = 64 * 1024;
    private static final Pattern THREAD_WRITE = Pattern.compile("/api/v1/(communities/[^/]+/)?threads(/.*)?");

    @ServerRequestFilter(preMatching = true)
    public Response declaredSize(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method))
                || !THREAD_WRITE.matcher(request.getUriInfo().getPath()).matches()) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            if (length != null && Long.parseLong(length.trim()) > MAX_BYTES) {
                return new ProblemMapper().problem(new Problem(413, "THREAD_TOO_LARGE", MAX_BYTES / 1024));
            }
        } catch (NumberFormatException e) {
            return new ProblemMapper().problem(Problem.badRequest("BAD_REQUEST"));
        }
        return null;
    }
}
