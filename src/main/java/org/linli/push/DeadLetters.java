package org.linli.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.linli.push.Claims.utc;

/** Deliveries the workers gave up on, per community, and putting them back in the queue (re-drive). */
@ApplicationScoped
public class DeadLetters {

    /** A dead delivery as staff see it: what, to whom, on which channel it failed and with which WeChat errcode. */
    public record DeadLetter(long id, String sourceRef, String kind, String title, long residentId, Channel channel,
                             Integer errcode, String error, int failures, Instant at) {
    }

    private static final String LIST = """
            SELECT d.id, m.source_ref, m.kind, m.title, d.resident_id, d.channel, d.last_errcode, d.last_error,
                   d.failures, d.done_at
              FROM push_delivery d JOIN push_message m ON m.id = d.message_id
             WHERE d.community_id = $1 AND d.status = 'DEAD' AND d.id < $2
             ORDER BY d.id DESC
             LIMIT $3""";

    /** Back to the start of the channel list, with a clean failure count, due now. */
    private static final String REDRIVE = """
            UPDATE push_delivery
               SET status = 'PENDING', channel_floor = 0, failures = 0, next_attempt_at = $3, claimed_until = NULL,
                   done_at = NULL, redriven_by = $4, updated_at = $3
             WHERE community_id = $1 AND status = 'DEAD'""";

    private final Pool pool;
    private final Clock clock;

    DeadLetters(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Newest first; {@code beforeId} pages on (null = from the newest). */
    public Uni<List<DeadLetter>> list(long communityId, Long beforeId, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(communityId, beforeId == null ? Long.MAX_VALUE : beforeId, limit))
                .map(rows -> {
                    List<DeadLetter> result = new ArrayList<>();
                    rows.forEach(r -> result.add(deadLetter(r)));
                    return result;
                });
    }

    public Uni<Void> redrive(long communityId, long deliveryId, long staffId) {
        return pool.preparedQuery(REDRIVE + " AND id = $2")
                .execute(Tuple.of(communityId, deliveryId, utc(clock.instant()), staffId))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw Problem.notFound("PUSH_DEAD_LETTER_NOT_FOUND");
                    }
                })
                .replaceWithVoid();
    }

    /** Every dead letter of the community, or those that failed with {@code errcode}; answers how many. */
    public Uni<Integer> redriveAll(long communityId, Integer errcode, long staffId) {
        String sql = errcode == null ? REDRIVE + " AND $2::int IS NULL" : REDRIVE + " AND last_errcode = $2";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(communityId, errcode, utc(clock.instant()), staffId))
                .map(rows -> rows.rowCount());
    }

    private static DeadLetter deadLetter(Row r) {
        String channel = r.getString("channel");
        return new DeadLetter(r.getLong("id"), r.getString("source_ref"), r.getString("kind"), r.getString("title"),
                r.getLong("resident_id"), channel == null ? null : Channel.valueOf(channel),
                r.getInteger("last_errcode"), r.getString("last_error"), r.getInteger("failures"),
                r.getOffsetDateTime("done_at") == null ? null : r.getOffsetDateTime("done_at").toInstant());
    }
}
