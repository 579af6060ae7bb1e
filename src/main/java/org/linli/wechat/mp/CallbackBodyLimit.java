package org.linli.wechat.mp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.linli.common.ProblemMapper;

/**
 * Reads the body of {@code POST /wechat/mp} before JAX-RS does, at most 64 KB of it: a declared Content-Length over
 * the limit is answered 413 at once, before any of the body is read; a chunked body is counted as it arrives and
 * answered 413 as soon as it passes the limit. The rest of a refused body is read and dropped (never kept) for up
 * to {@link #DRAIN_MILLIS}, so the client reads the 413 rather than a reset, and then the connection is closed.
 * {@link MpCallbackResource} takes the body from the routing context. HTTP/1.1 only (quarkus.http.http2=false):
 * RESTEasy pauses the request it is handed, which fails on an HTTP/2 stream already read to its end.
 */
@ApplicationScoped
class CallbackBodyLimit {

    /** WeChat messages are a few KB; anything near this is not from WeChat. */
    static final int MAX_BODY = 64 * 1024;
    static final String BODY = "linli.callback-body";
    private static final long DRAIN_MILLIS = 1_000;
    // Before RESTEasy Reactive's route (which reads the body itself), after nothing that needs the body.
    private static final int ORDER = -1_000;

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/wechat/mp").order(ORDER).handler(this::read);
        router.route(HttpMethod.POST, "/wechat/mini").order(ORDER).handler(this::read);
    }

    private void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredTooLarge(declared)) {
            refuse(ctx);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return; // dropped
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                refused[0] = true;
                refuse(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                ctx.put(BODY, body.getBytes());
                ctx.next();
            }
        });
        request.exceptionHandler(error -> {
            if (!refused[0] && !ctx.response().ended()) {
                ctx.fail(400, error);
            }
        });
        request.resume();
    }

    private static boolean declaredTooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > MAX_BODY;
        } catch (NumberFormatException e) {
            return false; // Netty refuses malformed lengths before we get here
        }
    }

    private static void refuse(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            request.handler(dropped -> { });
            request.endHandler(end -> request.connection().close());
            request.resume();
            ctx.vertx().setTimer(DRAIN_MILLIS, t -> request.connection().close());
        }
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject(ProblemMapper.body(CallbackRejected.tooLarge())).encode());
    }
}
