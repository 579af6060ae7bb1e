package org.linli.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.linli.push.Claims.utc;

/** Pushes no WeChat channel could carry (IN_APP): the Mini-Program shows them when the resident next opens it. */
@ApplicationScoped
public class Inbox {

    public record Item(long id, String sourceRef, String kind, String title, String summary, String page,
                       Instant at, boolean seen) {
    }

    /** The resident's in-app deliveries (alias d, message m) still worth showing at $2. */
    private static final String SHOWN = " d.resident_id = $1 AND d.status = 'IN_APP' AND m.cancelled_at IS NULL"
            + " AND (m.expires_at IS NULL OR m.expires_at > $2)";

    private static final String LIST = "SELECT d.id, m.source_ref, m.kind, m.title, m.summary, m.page, d.done_at,"
            + " d.seen_at IS NOT NULL AS seen FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
            + " WHERE" + SHOWN + " ORDER BY d.id DESC LIMIT $3";

    private static final String MARK_SEEN = "UPDATE push_delivery d SET seen_at = $2 FROM push_message m"
            + " WHERE m.id = d.message_id AND d.seen_at IS NULL AND" + SHOWN;

    private final Pool pool;
    private final Clock clock;

    Inbox(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<List<Item>> of(long residentId, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(residentId, utc(clock.instant()), limit)).map(rows -> {
            List<Item> items = new ArrayList<>();
            rows.forEach(r -> items.add(new Item(r.getLong("id"), r.getString("source_ref"), r.getString("kind"),
                    r.getString("title"), r.getString("summary"), r.getString("page"),
                    r.getOffsetDateTime("done_at").toInstant(), r.getBoolean("seen"))));
            return items;
        });
    }

    /** Marks everything shown so far as seen; answers how many were new. */
    public Uni<Integer> markSeen(long residentId) {
        return pool.preparedQuery(MARK_SEEN)
                .execute(Tuple.of(residentId, utc(clock.instant())))
                .map(rows -> rows.rowCount());
    }
}
