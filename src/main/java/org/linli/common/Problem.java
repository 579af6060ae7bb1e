package org.linli.common;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on: an HTTP status, a stable machine code and a Chinese message looked up from
 * {@code messages/problems.properties} by that code, so wording changes without code changes.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final transient List<Map<String, Object>> errors;
    private long retryAfterSeconds;

    public Problem(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public Problem(int status, String code, List<Map<String, Object>> errors, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = errors;
    }

    public static Problem badRequest(String code, Object... args) {
        return new Problem(400, code, args);
    }

    public static Problem unauthorized(String code) {
        return new Problem(401, code);
    }

    public static Problem forbidden(String code) {
        return new Problem(403, code);
    }

    public static Problem notFound(String code, Object... args) {
        return new Problem(404, code, args);
    }

    public static Problem conflict(String code, Object... args) {
        return new Problem(409, code, args);
    }

    /** Tells the client when to try again (a {@code Retry-After} header); for 429 and 503. */
    public Problem retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
