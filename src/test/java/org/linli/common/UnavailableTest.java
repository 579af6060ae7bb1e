package org.linli.common;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Redis and PostgreSQL failures (timeouts, refused connections, full pools) answer 503 with Retry-After, not 500. */
class UnavailableTest {

    private static Response mapped(Exception e) {
        return new ProblemMapper().unexpected(e);
    }

    @Test
    void backendFailuresAre503WithRetryAfter() {
        for (Exception e : new Exception[]{
                new CompletionException(new TimeoutException("Timeout waiting for response")),
                new RuntimeException("redis", new ConnectException("Connection refused")),
                new io.smallrye.mutiny.TimeoutException(),
                new IllegalStateException("Connection pool reached max wait queue size of 2048")}) {
            Response r = mapped(e);
            assertEquals(503, r.getStatus(), e.toString());
            assertEquals("5", r.getHeaderString("Retry-After"));
            assertEquals("application/problem+json", r.getMediaType().toString());
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) r.getEntity();
            assertEquals("SERVICE_UNAVAILABLE", body.get("code"));
            assertEquals("系统繁忙，请稍后再试。", body.get("detail"));
        }
    }

    @Test
    void ourOwnBugsStay500() {
        assertEquals(500, mapped(new NullPointerException("x")).getStatus());
        assertEquals(500, mapped(new IllegalStateException("unexpected state")).getStatus());
    }
}
