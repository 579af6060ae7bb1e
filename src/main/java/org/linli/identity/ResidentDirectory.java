package org.linli.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What other features may know of residents, by id, in one query per call over the reactive pool (usable with or
 * without a Panache session): where WeChat reaches them, and the name staff see. Never a phone number.
 */
@ApplicationScoped
public class ResidentDirectory {

    /** The resident's openids; either may be null (not yet seen in that app). */
    public record Openids(String mini, String mp) {
    }

    private static final String OPENIDS = "SELECT id, mini_openid, mp_openid FROM resident WHERE id = ANY($1)";
    private static final String NAMES = "SELECT id, coalesce(nullif(display_name, ''), $2) FROM resident"
            + " WHERE id = ANY($1)";
    private static final String UNNAMED = "居民";

    private final Pool pool;

    ResidentDirectory(Pool pool) {
        this.pool = pool;
    }

    /** Openids of these residents; ids that name nobody are absent. */
    public Uni<Map<Long, Openids>> openids(Collection<Long> residentIds) {
        Long[] ids = ids(residentIds);
        return query(ids, OPENIDS, Tuple.of(ids), r -> new Openids(r.getString(1), r.getString(2)));
    }

    /** Display names of these residents, {@code 居民} for those without one. */
    public Uni<Map<Long, String>> displayNames(Collection<Long> residentIds) {
        Long[] ids = ids(residentIds);
        return query(ids, NAMES, Tuple.of(ids, UNNAMED), r -> r.getString(1));
    }

    private <T> Uni<Map<Long, T>> query(Long[] ids, String sql, Tuple args, Function<Row, T> value) {
        if (ids.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            Map<Long, T> found = new HashMap<>();
            rows.forEach(r -> found.put(r.getLong(0), value.apply(r)));
            return found;
        });
    }

    private static Long[] ids(Collection<Long> residentIds) {
        return residentIds.stream().distinct().toArray(Long[]::new);
    }
}
