package org.linli.poll;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled pass: opens announced polls whose time has come, closes open ones past their close time and
 * archives published ones after their 公示期. Time comes from the application Clock. Each step is claimed by a
 * conditional UPDATE on the poll's status in {@link PollService}, so running the pass twice, or on every replica at
 * once, performs each transition once.
 */
@ApplicationScoped
class PollSchedule {

    private static final Logger LOG = Logger.getLogger(PollSchedule.class);
    private static final String DUE = "SELECT id, status FROM poll WHERE (status = 'ANNOUNCED' AND open_at <= $1)"
            + " OR (status = 'OPEN' AND close_at <= $1)"
            + " OR (status = 'PUBLISHED' AND published_at + make_interval(days => publicity_days) <= $1)"
            + " ORDER BY id LIMIT 100";

    private final Pool pool;
    private final PollService polls;
    private final PollClock clock;

    PollSchedule(Pool pool, PollService polls, PollClock clock) {
        this.pool = pool;
        this.polls = polls;
        this.clock = clock;
    }

    @Scheduled(every = "${linli.poll.schedule-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    Uni<Void> scheduled() {
        return pass().onFailure().invoke(e -> LOG.warn("Poll pass failed", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers how many transitions this call performed. */
    Uni<Integer> pass() {
        OffsetDateTime now = clock.now();
        return pool.preparedQuery(DUE).execute(Tuple.of(BallotBox.utc(now))).chain(rows -> {
            List<Row> due = new ArrayList<>();
            rows.forEach(due::add);
            return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(r -> step(r.getLong(0),
                            PollStatus.valueOf(r.getString(1)))
                            .onFailure().invoke(e -> LOG.warnf(e, "Poll %d: scheduled %s failed", r.getLong(0),
                                    r.getString(1)))
                            .onFailure().recoverWithItem(false))
                    .collect().asList()
                    .map(done -> (int) done.stream().filter(Boolean::booleanValue).count());
        });
    }

    private Uni<Boolean> step(long pollId, PollStatus status) {
        return switch (status) {
            case ANNOUNCED -> polls.open(pollId, null, false);
            case OPEN -> polls.close(pollId, null, null);
            case PUBLISHED -> polls.archive(pollId);
            default -> Uni.createFrom().item(false);
        };
    }
}
