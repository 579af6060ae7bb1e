package org.linli.common;

import java.net.ConnectException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Recognises failures of the servers behind us (Redis, PostgreSQL) rather than of our code: timeouts, refused or
 * closed connections, exhausted pools. They are answered 503 with Retry-After, not 500.
 */
final class Unavailable {

    static final long RETRY_AFTER_SECONDS = 5;

    private Unavailable() {
    }

    static boolean isBackendFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof ConnectException || t instanceof RejectedExecutionException
                    || type.startsWith("io.vertx.redis.") || type.startsWith("io.quarkus.redis.")
                    || type.equals("io.vertx.core.http.ConnectionPoolTooBusyException")
                    || type.equals("io.vertx.sqlclient.ClosedConnectionException")
                    || type.equals("io.netty.channel.ConnectTimeoutException")
                    || message.contains("Connection pool reached max wait queue size")
                    || message.contains("Timeout waiting for connection")
                    || (type.equals("io.vertx.core.impl.NoStackTraceThrowable") && message.contains("Connection"))
                    || type.equals("io.vertx.core.impl.NoStackTraceTimeoutException")
                    || type.equals("io.vertx.core.VertxException") && message.contains("Connection")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return out.toString();
    }
}
