package org.linli.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt (cost 10) on a small pool of its own with a bounded queue: a hash takes tens of milliseconds, so a flood
 * of logins must neither block the event loop nor take the worker threads every other request needs. When the
 * pool and its queue are full the login answers 429 LOGIN_BUSY with Retry-After.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int COST = 10;
    /** Compared against when the user does not exist, so timing does not reveal valid usernames. */
    private static final String DUMMY = BCrypt.withDefaults().hashToString(COST, "dummy-password".toCharArray());

    private final ThreadPoolExecutor pool;

    PasswordHasher(AuthConfig config) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.hashThreads(), config.hashThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.hashQueue())), r -> {
                    Thread t = new Thread(r, "password-hash-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    public Uni<String> hash(String password) {
        return run(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()));
    }

    public Uni<Boolean> matches(String password, String hashOrNull) {
        return run(() -> BCrypt.verifyer()
                .verify(password.toCharArray(), hashOrNull == null ? DUMMY : hashOrNull).verified && hashOrNull != null);
    }

    /** Runs on the pool and resumes on the caller's Vert.x context, so Hibernate Reactive works afterwards. */
    private <T> Uni<T> run(Callable<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            try {
                pool.execute(() -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception e) {
                        resume(context, () -> emitter.fail(e));
                        return;
                    }
                    resume(context, () -> emitter.complete(result));
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(busy());
            }
        });
    }

    private static void resume(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    static Problem busy() {
        return new Problem(429, "LOGIN_BUSY").retryAfter(2);
    }

    static boolean isBusy(Throwable e) {
        return e instanceof Problem p && "LOGIN_BUSY".equals(p.code());
    }
}
