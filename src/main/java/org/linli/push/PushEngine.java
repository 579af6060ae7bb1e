package org.linli.push;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One worker: claims due deliveries a batch at a time, as fast as sends complete, keeps at most
 * linli.push.max-in-flight of them going, and records each outcome. Several engines (replicas, or threads in a
 * test) can work the same outbox: claims never overlap and outcomes are fenced by the claim that produced them.
 */
final class PushEngine {

    private final String worker;
    private final PushParts parts;
    private final Dispatcher dispatcher;
    private final Recorder recorder;
    private volatile boolean stopped;

    PushEngine(String worker, PushParts parts, Recorder recorder, Executor sendPool) {
        this.worker = worker;
        this.parts = parts;
        this.recorder = recorder;
        this.dispatcher = new Dispatcher(parts, sendPool);
    }

    String worker() {
        return worker;
    }

    /** Works until nothing is due any more; completes when every delivery it claimed has been recorded. */
    Uni<PassReport> drain() {
        PassReport report = new PassReport();
        int inFlight = parts.config().maxInFlight();
        return Multi.createBy().repeating().uni(this::claimBatch)
                .until(List::isEmpty)
                .onItem().transformToIterable(batch -> batch)
                .onItem().transformToUni(claim -> handle(claim).invoke(report::add)).merge(inFlight)
                .collect().last()
                .replaceWith(report);
    }

    /** Stops claiming; deliveries already claimed are finished. */
    void stop() {
        stopped = true;
    }

    private Uni<List<Claim>> claimBatch() {
        if (stopped) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = parts.clock().instant();
        int size = Math.min(parts.config().claimBatch(), parts.config().maxInFlight());
        return parts.claims().claim(worker, size, now, now.plus(parts.config().lease())).invoke(this::log);
    }

    /** A delivery that is not decided while its lease lasts is given up here, before another worker takes it. */
    private Uni<Outcome> handle(Claim claim) {
        return dispatcher.decide(claim)
                .ifNoItem().after(parts.config().lease().minus(parts.config().leaseMargin())).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "Push delivery %d failed unexpectedly; it is retried", claim.id());
                    Instant now = parts.clock().instant();
                    return Outcome.release(claim, now.plus(parts.config().retry().initial()));
                })
                .call(outcome -> recorder.record(outcome, worker)
                        .invoke(() -> parts.metrics().recorded(outcome))
                        .onFailure().recoverWithNull());
    }

    private void log(List<Claim> batch) {
        if (!batch.isEmpty()) {
            Log.debugf("%s claimed %d deliveries", worker, batch.size());
        }
    }
}
