package org.linli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.container.ContainerRequestContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
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
        Response response = respond(p.status(), p.code(), ProblemMessages.text(p.code(), p.args()), p.errors());
        if (p.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(p.retryAfterSeconds()));
        }
        return response;
    }

    /** A body Jackson could not read: not JSON, a wrong type, a number out of range, a refused character or date. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return body(e);
    }

    // Declared separately: quarkus-rest-jackson maps MismatchedInputException itself (400, empty body).
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return body(e);
    }

    Response body(JsonProcessingException e) {
        return problem(unreadableBody(e));
    }

    /** The problem for a JSON body that could not be read, for code that parses bodies itself. */
    public static Problem unreadableBody(JsonProcessingException e) {
        String code = e instanceof JsonGuard.BadValue bad ? bad.code : "BODY_INVALID";
        List<Map<String, Object>> errors = List.of();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            errors = List.of(Map.of("field", field, "message", ProblemMessages.text(code + "_FIELD")));
        }
        return new Problem(400, code, errors);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(ProblemMapper::violation).toList();
        return respond(400, "VALIDATION_FAILED", ProblemMessages.text("VALIDATION_FAILED"), errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return body(json);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter does not convert (e.g. page=abc): it is the caller's error.
            return respond(400, "PARAMETER_INVALID", ProblemMessages.text("PARAMETER_INVALID"), List.of());
        }
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
        if (Unavailable.isBackendFailure(e)) {
            Log.warnf("Backend unavailable: %s", LogText.scrub(Unavailable.describe(e)));
            return problem(new Problem(503, "SERVICE_UNAVAILABLE").retryAfter(Unavailable.RETRY_AFTER_SECONDS));
        }
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
