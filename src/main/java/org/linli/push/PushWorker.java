package org.linli.push;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This replica's push worker: every poll interval (linli.push.poll-interval) it drains what is due, unless
 * linli.push.enabled is false (tests drive passes themselves). WeChat calls run on a dedicated pool of
 * linli.push.max-in-flight threads, never on the event loop.
 */
@Startup
@Singleton
public class PushWorker {

    private final PushConfig config;
    private final PushParts parts;
    private final ExecutorService sendPool;
    private final PushEngine engine;

    PushWorker(PushConfig config, PushParts parts) {
        this.config = config;
        this.parts = parts;
        this.sendPool = sendPool("push-send", config.maxInFlight());
        this.engine = new PushEngine(workerId(), parts, new Recorder(parts.pool(), parts.clock()), sendPool);
    }

    /**
     * Runs on a scheduler worker thread, never the event loop (the first pass may create the WeChat clients), and
     * holds it for the length of the pass; SKIP keeps passes of one replica from overlapping.
     */
    @Scheduled(every = "${linli.push.poll-interval:1s}", delayed = "${linli.push.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) {
            return;
        }
        try {
            PassReport report = engine.drain().await().indefinitely();
            if (report.claimed() > 0) {
                Log.debugf("Push pass by %s: %s", engine.worker(), report);
            }
        } catch (RuntimeException e) {
            Log.warn("Push pass failed; the next one picks up", e);
        }
    }

    /** This replica's engine (tests drive it with linli.push.enabled=false). */
    PushEngine engine() {
        return engine;
    }

    /** Another engine on the same outbox, as a second replica would run it. */
    PushEngine newEngine(String worker, Recorder recorder, ExecutorService pool) {
        return new PushEngine(worker, parts, recorder, pool);
    }

    void stop(@Observes ShutdownEvent event) {
        engine.stop();
        sendPool.shutdown();
        try {
            sendPool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ExecutorService sendPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    private static String workerId() {
        String id = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
