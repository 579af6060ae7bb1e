package org.linli.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.linli.push.Claims.utc;

/**
 * One-time subscribe-message consents (push_consent). A send takes one before it goes out and gives it back unless
 * WeChat used it (sent) or says it is gone (43101), so two pushes racing for the last consent cannot both use it.
 */
@Singleton
class Consents {

    /** WeChat lets a user accept a template many times; we keep at most this many sends in hand. */
    static final int MAX_REMAINING = 100;

    private final Pool pool;
    private final Clock clock;

    Consents(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    Uni<Integer> grant(long residentId, String templateId, int count) {
        return pool.preparedQuery("""
                        INSERT INTO push_consent (resident_id, template_id, remaining, updated_at)
                        VALUES ($1, $2, LEAST($3, $4), $5)
                        ON CONFLICT (resident_id, template_id)
                        DO UPDATE SET remaining = LEAST(push_consent.remaining + EXCLUDED.remaining, $4),
                                      updated_at = EXCLUDED.updated_at
                        RETURNING remaining""")
                .execute(Tuple.of(residentId, templateId, count, MAX_REMAINING, utc(clock.instant())))
                .map(rows -> rows.iterator().next().getInteger("remaining"));
    }

    Uni<Map<String, Integer>> of(long residentId) {
        return pool.preparedQuery("SELECT template_id, remaining FROM push_consent WHERE resident_id = $1 ORDER BY 1")
                .execute(Tuple.of(residentId))
                .map(rows -> {
                    Map<String, Integer> result = new LinkedHashMap<>();
                    for (Row r : rows) {
                        result.put(r.getString("template_id"), r.getInteger("remaining"));
                    }
                    return result;
                });
    }

    /** Takes one consent; false when none is left. */
    Uni<Boolean> take(long residentId, String templateId) {
        return change("remaining = remaining - 1", "AND remaining > 0", residentId, templateId)
                .map(updated -> updated == 1);
    }

    Uni<Void> giveBack(long residentId, String templateId) {
        return change("remaining = LEAST(remaining + 1, " + MAX_REMAINING + ")", "", residentId, templateId)
                .replaceWithVoid();
    }

    /** WeChat says the user has none left (43101): forget what we thought was left. */
    Uni<Void> exhaust(long residentId, String templateId) {
        return change("remaining = 0", "", residentId, templateId).replaceWithVoid();
    }

    /**
     * The same, for news that may arrive late (an event from WeChat): consents granted or used after {@code asOf}
     * are newer than the news and stay.
     */
    Uni<Void> exhaust(long residentId, String templateId, Instant asOf) {
        return pool.preparedQuery("UPDATE push_consent SET remaining = 0, updated_at = $3"
                        + " WHERE resident_id = $1 AND template_id = $2 AND updated_at <= $4")
                .execute(Tuple.of(residentId, templateId, utc(clock.instant()), utc(asOf)))
                .replaceWithVoid();
    }

    private Uni<Integer> change(String set, String condition, long residentId, String templateId) {
        return pool.preparedQuery("UPDATE push_consent SET " + set + ", updated_at = $3"
                        + " WHERE resident_id = $1 AND template_id = $2 " + condition)
                .execute(Tuple.of(residentId, templateId, utc(clock.instant())))
                .map(rows -> rows.rowCount());
    }
}
