package org.linli.common;

import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.container.ContainerRequestContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every error leaves as application/problem+json (RFC 9457) with a stable code and a Chinese detail. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** identity.Access.RESIDENT; common depends on no feature. */
    private static final String RESIDENT_ROLE = "resident";

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return respond(p.status(), p.code(), ProblemMessages.text(p.code(), p.args()), p.errors());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(ProblemMapper::violation).toList();
        return respond(400, "VALIDATION_FAILED", ProblemMessages.text("VALIDATION_FAILED"), errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406, 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        return respond(status, code, ProblemMessages.text(code), List.of());
    }

    /** A token that is unknown, expired, malformed, or whose account was disabled since it was issued. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String code = "ACCOUNT_DISABLED".equals(e.getMessage()) ? "ACCOUNT_DISABLED" : "TOKEN_INVALID";
        return respond(401, code, ProblemMessages.text(code), List.of());
    }

    /** No token on an endpoint that needs one. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(401, "UNAUTHENTICATED", ProblemMessages.text("UNAUTHENTICATED"), List.of());
    }

    /**
     * A caller the endpoint's declared access does not admit: residents on staff endpoints and staff on resident
     * endpoints are told which side the endpoint is for.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource, ContainerRequestContext request) {
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        boolean residentEndpoint = roles != null && List.of(roles.value()).equals(List.of(RESIDENT_ROLE));
        String code = residentEndpoint ? "RESIDENT_ONLY"
                : request.getSecurityContext().isUserInRole(RESIDENT_ROLE) ? "STAFF_ONLY" : "FORBIDDEN";
        return respond(403, code, ProblemMessages.text(code), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected error", e);
        return respond(500, "INTERNAL_ERROR", ProblemMessages.text("INTERNAL_ERROR"), List.of());
    }

    private static Map<String, Object> violation(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return Map.of("field", path.substring(path.lastIndexOf('.') + 1), "message", v.getMessage());
    }

    static Response respond(int status, String code, String detail, List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:linli:problem:" + code.toLowerCase().replace('_', '-'));
        body.put("title", code);
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
