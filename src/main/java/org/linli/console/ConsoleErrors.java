package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.linli.common.Problem;
import org.linli.common.ProblemMapper;
import org.linli.common.ProblemMessages;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Console pages answer errors with an HTML page in Chinese; everything else keeps problem+json. */
public class ConsoleErrors {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance error(Frame frame, int status, String message, List<Map<String, Object>> errors);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response problem(Problem p, HttpServerRequest request) {
        if (!isConsole(request)) {
            return new ProblemMapper().problem(p);
        }
        return page(p.status(), ProblemMessages.text(p.code(), p.args()), p.errors());
    }

    @ServerExceptionMapper(priority = 4000)
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (!isConsole(request)) {
            return new ProblemMapper().web(e);
        }
        int status = e.getResponse().getStatus();
        return page(status, ProblemMessages.text(e instanceof NotFoundException || status == 404 ? "NOT_FOUND"
                : status == 403 ? "FORBIDDEN" : status == 401 ? "UNAUTHENTICATED" : status == 413 ? "FORM_TOO_LARGE"
                : "BAD_REQUEST"), List.of());
    }

    /** No session (or an expired one) on a console page: to the login form; htmx is told to go there. */
    @ServerExceptionMapper(priority = 4000)
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return isConsole(request) ? toLogin(request) : new ProblemMapper().unauthorized(e);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return isConsole(request) ? toLogin(request) : new ProblemMapper().authenticationFailed(e);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response forbidden(ForbiddenException e, HttpServerRequest request, ResourceInfo resource,
                              ContainerRequestContext context) {
        return isConsole(request) ? page(403, "FORBIDDEN") : new ProblemMapper().forbidden(e, resource, context);
    }

    private static Response toLogin(HttpServerRequest request) {
        if (request.getHeader("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", "/console/login").build();
        }
        return Response.seeOther(URI.create("/console/login")).build();
    }

    static Response csrfRejected() {
        return page(403, "CONSOLE_CSRF");
    }

    static Response page(int status, String code) {
        return page(status, ProblemMessages.text(code), List.of());
    }

    private static Response page(int status, String message, List<Map<String, Object>> errors) {
        Frame frame = new Frame(String.valueOf(status), null, null, null, "", "", false, false);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(frame, status, message, errors).render()).build();
    }

    private static boolean isConsole(HttpServerRequest request) {
        String path = request.path();
        return path.equals("/console") || path.startsWith("/console/");
    }
}
