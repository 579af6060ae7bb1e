package org.linli.push;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.linli.push.Claims.utc;

/**
 * Writes outcomes with group commit: an outcome is written as soon as the writer is free, together with whatever
 * else arrived meanwhile, in one transaction of two statements. So the window between WeChat's answer and its record
 * stays one short transaction under light load, and 500 sends/s cost a few dozen commits/s under heavy load.
 * <p>
 * An outcome is applied only if the claim that produced it is still the current one ({@code claims} fence). A
 * delivery cancelled while its send was in flight takes SENT if WeChat accepted it: that is what happened.
 */
class Recorder {

    private static final int MAX_BATCH = 500;
    private static final int WRITE_TRIES = 3;

    private static final String UPDATE = """
            UPDATE push_delivery d
               SET status = o.status, channel = COALESCE(o.channel, d.channel), channel_floor = o.floor,
                   next_attempt_at = o.next_at, failures = o.failures,
                   last_errcode = COALESCE(o.errcode, d.last_errcode), last_error = COALESCE(o.error, d.last_error),
                   wx_msg_id = COALESCE(o.msg_id, d.wx_msg_id), done_at = o.done_at,
                   claimed_until = NULL, updated_at = $12
              FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[],
                          $8::int[], $9::text[], $10::text[], $11::timestamptz[])
                   AS o(id, claims, status, channel, floor, next_at, failures, errcode, error, msg_id, done_at)
             WHERE d.id = o.id AND d.claims = o.claims
               AND (d.status = 'PENDING' OR (d.status = 'CANCELLED' AND o.status = 'SENT'))""";

    private static final String ATTEMPTS = """
            INSERT INTO push_attempt (delivery_id, channel, verdict, errcode, attempted_at, duration_ms, worker)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::int[],
                                 $7::text[])""";

    private record Pending(Outcome outcome, String worker, UniEmitter<? super Void> done) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    Recorder(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Completes once the outcome is committed (or failed to be: then the lease expires and the row is retried). */
    Uni<Void> record(Outcome outcome, String worker) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(outcome, worker, emitter));
            writeNext();
        });
    }

    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                writeNext();
            }
            return;
        }
        Uni.createFrom().deferred(() -> write(batch))
                .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(WRITE_TRIES - 1)
                .subscribe().with(ok -> finish(batch, null), e -> finish(batch, e));
    }

    private void finish(List<Pending> batch, Throwable failure) {
        if (failure != null) {
            Log.errorf(failure, "Could not record %d push outcomes; their leases will expire and they are retried",
                    batch.size());
        }
        writing.set(false);
        batch.forEach(p -> {
            if (failure == null) {
                p.done().complete(null);
            } else {
                p.done().fail(failure);
            }
        });
        writeNext();
    }

    private Uni<Void> write(List<Pending> batch) {
        OffsetDateTime now = utc(clock.instant());
        return pool.withTransaction(conn -> update(conn, batch, now).chain(() -> attempts(conn, batch)));
    }

    private static Uni<Void> update(SqlConnection conn, List<Pending> batch, OffsetDateTime now) {
        int n = batch.size();
        Long[] id = new Long[n];
        Integer[] claims = new Integer[n];
        String[] status = new String[n];
        String[] channel = new String[n];
        Integer[] floor = new Integer[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        Integer[] failures = new Integer[n];
        Integer[] errcode = new Integer[n];
        String[] error = new String[n];
        String[] msgId = new String[n];
        OffsetDateTime[] doneAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Outcome o = batch.get(i).outcome();
            id[i] = o.claim().id();
            claims[i] = o.claim().claims();
            status[i] = o.status().name();
            channel[i] = o.channel() == null ? null : o.channel().name();
            floor[i] = o.floor();
            nextAt[i] = utc(o.nextAttemptAt());
            failures[i] = o.failures();
            errcode[i] = o.errcode();
            error[i] = o.error();
            msgId[i] = o.msgId();
            doneAt[i] = utc(o.doneAt());
        }
        Tuple params = Tuple.from(Arrays.<Object>asList(id, claims, status, channel, floor, nextAt, failures, errcode,
                error, msgId, doneAt, now));
        return conn.preparedQuery(UPDATE).execute(params).replaceWithVoid();
    }

    private static Uni<Void> attempts(SqlConnection conn, List<Pending> batch) {
        List<Attempt> all = new ArrayList<>();
        List<String> workers = new ArrayList<>();
        batch.forEach(p -> p.outcome().attempts().forEach(a -> {
            all.add(a);
            workers.add(p.worker());
        }));
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = all.size();
        Long[] delivery = new Long[n];
        String[] channel = new String[n];
        String[] verdict = new String[n];
        Integer[] errcode = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Integer[] duration = new Integer[n];
        for (int i = 0; i < n; i++) {
            Attempt a = all.get(i);
            delivery[i] = a.deliveryId();
            channel[i] = a.channel().name();
            verdict[i] = a.verdict().name();
            errcode[i] = a.errcode();
            at[i] = utc(a.at());
            duration[i] = a.durationMs();
        }
        Tuple params = Tuple.from(Arrays.<Object>asList(delivery, channel, verdict, errcode, at, duration,
                workers.toArray(String[]::new)));
        return conn.preparedQuery(ATTEMPTS).execute(params).replaceWithVoid();
    }
}
