package org.linli.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

import java.util.concurrent.Callable;

/**
 * Runs blocking work (bcrypt, WxJava, file parsing) on a worker thread and resumes on the caller's Vert.x
 * context, so Hibernate Reactive can be used again afterwards in the same pipeline.
 */
@Singleton
public class Workers {

    private final Vertx vertx;

    Workers(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> call(Callable<T> blocking) {
        return vertx.executeBlocking(blocking, false);
    }
}
