package org.linli.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.linli.common.Problem;
import org.linli.common.ProblemMapper;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Notice bodies are limited to 1 MB, far below the server-wide limit: a declared Content-Length over it is refused
 * before the body is read, and the bytes actually received are counted too (chunked uploads declare nothing).
 * Then the JSON is read and validated here, because the endpoints take raw bytes to be able to count them.
 */
@Singleton
public class NoticeBodyLimit {

    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern NOTICE_WRITE = Pattern.compile("/api/v1/communities/[^/]+/notices(/[^/]+)?/?");

    private final ObjectMapper json;
    private final Validator validator;

    NoticeBodyLimit(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    @ServerRequestFilter(preMatching = true)
    public Response declaredSize(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method))
                || !NOTICE_WRITE.matcher(request.getUriInfo().getPath()).matches()) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            if (length != null && Long.parseLong(length.trim()) > MAX_BYTES) {
                return new ProblemMapper().problem(tooLarge());
            }
        } catch (NumberFormatException e) {
            return new ProblemMapper().problem(Problem.badRequest("BAD_REQUEST"));
        }
        return null;
    }

    /** The request body as T: 413 over 1 MB, 400 BAD_REQUEST when not JSON, 400 VALIDATION_FAILED when invalid. */
    <T> T read(byte[] body, Class<T> type) {
        if (body != null && body.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (body == null || body.length == 0) {
            throw Problem.badRequest("BAD_REQUEST");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ProblemMapper.unreadableBody(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (value == null) {
            throw Problem.badRequest("BAD_REQUEST");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    private static Problem tooLarge() {
        return new Problem(413, "NOTICE_TOO_LARGE");
    }
}
