package org.linli.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch at /q/metrics: outcomes and WeChat calls as this replica records them
 * ({@code linli_push_deliveries_total{status,channel}}, {@code linli_push_attempts_total{channel,verdict}},
 * {@code linli_push_send_seconds{channel}}), and the outbox as a whole, read from PostgreSQL every 15 s
 * ({@code linli_push_pending}, {@code linli_push_due} — pending and already due, the backlog — and
 * {@code linli_push_dead}, dead letters waiting for staff).
 */
@Singleton
class PushMetrics {

    private static final String OUTBOX = """
            SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE status = 'PENDING' AND next_attempt_at <= now()) AS due,
                   count(*) FILTER (WHERE status = 'DEAD') AS dead
              FROM push_delivery WHERE status IN ('PENDING', 'DEAD')""";

    private final MeterRegistry registry;
    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    PushMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
        Gauge.builder("linli.push.pending", pending, AtomicLong::get)
                .description("Deliveries not made yet (quiet hours, scheduled, retrying, paused)").register(registry);
        Gauge.builder("linli.push.due", due, AtomicLong::get)
                .description("Pending deliveries already due: the backlog").register(registry);
        Gauge.builder("linli.push.dead", dead, AtomicLong::get)
                .description("Dead letters waiting for staff to re-drive").register(registry);
    }

    void recorded(Outcome outcome) {
        outcome.attempts().forEach(a -> {
            Counter.builder("linli.push.attempts").tag("channel", a.channel().name()).tag("verdict", a.verdict().name())
                    .register(registry).increment();
            Timer.builder("linli.push.send").tag("channel", a.channel().name()).register(registry)
                    .record(Duration.ofMillis(a.durationMs()));
        });
        if (outcome.status() != DeliveryStatus.PENDING) {
            Counter.builder("linli.push.deliveries").tag("status", outcome.status().name())
                    .tag("channel", outcome.channel() == null ? "NONE" : outcome.channel().name())
                    .register(registry).increment();
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(OUTBOX).execute()
                .invoke(rows -> {
                    Row r = rows.iterator().next();
                    pending.set(r.getLong("pending"));
                    due.set(r.getLong("due"));
                    dead.set(r.getLong("dead"));
                })
                .onFailure().invoke(e -> Log.warnf("Push outbox figures not refreshed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
