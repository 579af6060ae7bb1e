package org.linli.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;

/**
 * A form field over {@code quarkus.http.limits.max-form-attribute-size} fails while RESTEasy Reactive reads the
 * body. When that happens inside the request scope the exception mappers answer 413 (the console's page says
 * FORM_TOO_LARGE); when the body arrives after the scope ended, no mapper can run and Quarkus' last-resort handler
 * would answer 500. This
 * failure handler, ahead of it, answers what it is: 413 FORM_TOO_LARGE as problem+json. RESTEasy then fails the
 * same request a second time (mapping the exception outside its request scope); that echo of a request already
 * answered is dropped here rather than logged as a server error.
 */
@Singleton
class FormTooLarge {

    private static final int ORDER = -1_000;
    private static final String ANSWERED = FormTooLarge.class.getName();

    void install(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        boolean tooLarge = ctx.statusCode() == 413 || ctx.failure() instanceof WebApplicationException e
                && e.getResponse() != null && e.getResponse().getStatus() == 413;
        if (ctx.get(ANSWERED) != null) {
            return;
        }
        if (!tooLarge || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        ctx.put(ANSWERED, Boolean.TRUE);
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .end(new JsonObject(ProblemMapper.body(new Problem(413, "FORM_TOO_LARGE"))).encode());
    }
}
