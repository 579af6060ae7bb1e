package org.linli.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.linli.identity.ResidentDirectory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims due deliveries for one worker: {@code FOR UPDATE SKIP LOCKED} so replicas never take the same row, and a
 * lease (claimed_until, with next_attempt_at moved to the lease end) so the rows of a worker that dies become due
 * again on their own. Reads the recipients' consents in the same round trip and their openids from
 * {@link ResidentDirectory} (identity owns the resident table).
 */
@Singleton
class Claims {

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM push_delivery
                 WHERE status = 'PENDING' AND next_attempt_at <= $1
                 ORDER BY next_attempt_at
                 LIMIT $2
                 FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE push_delivery d
                   SET claimed_until = $3, next_attempt_at = $3, claimed_by = $4, claims = d.claims + 1,
                       updated_at = $1
                  FROM due
                 WHERE d.id = due.id
                RETURNING d.id, d.message_id, d.resident_id, d.claims, d.failures, d.channel_floor)
            SELECT c.id, c.message_id, c.resident_id, c.claims, c.failures, c.channel_floor,
                   (SELECT array_agg(pc.template_id) FROM push_consent pc
                     WHERE pc.resident_id = c.resident_id AND pc.remaining > 0) AS consents,
                   m.expires_at, m.cancelled_at IS NOT NULL AS cancelled
              FROM claimed c JOIN push_message m ON m.id = c.message_id""";

    private static final String MESSAGES = """
            SELECT id, community_id, source_ref, kind, urgent, title, summary, page, fields::text AS fields, created_at
              FROM push_message WHERE id = ANY($1)""";

    private static final int MESSAGE_CACHE = 1_000;
    private static final ResidentDirectory.Openids NONE = new ResidentDirectory.Openids(null, null);

    private final Pool pool;
    private final ObjectMapper json;
    private final ResidentDirectory residents;
    private final Map<Long, QueuedMessage> messages = new ConcurrentHashMap<>();

    Claims(Pool pool, ObjectMapper json, ResidentDirectory residents) {
        this.pool = pool;
        this.json = json;
        this.residents = residents;
    }

    Uni<List<Claim>> claim(String worker, int limit, Instant now, Instant leaseEnd) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), limit, utc(leaseEnd), worker))
                .chain(rows -> withMessages(rows, leaseEnd));
    }

    private Uni<List<Claim>> withMessages(RowSet<Row> rows, Instant leaseEnd) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        Set<Long> missing = new HashSet<>();
        list.forEach(r -> {
            if (!messages.containsKey(r.getLong("message_id"))) {
                missing.add(r.getLong("message_id"));
            }
        });
        return load(missing)
                .chain(() -> residents.openids(list.stream().map(r -> r.getLong("resident_id")).toList()))
                .map(openids -> list.stream().map(r -> {
                    ResidentDirectory.Openids ids = openids.getOrDefault(r.getLong("resident_id"), NONE);
                    return new Claim(r.getLong("id"), r.getLong("resident_id"), r.getInteger("claims"),
                            r.getInteger("failures"), r.getInteger("channel_floor"), ids.mini(), ids.mp(),
                            consents(r), leaseEnd, messages.get(r.getLong("message_id")),
                            instant(r.getOffsetDateTime("expires_at")), r.getBoolean("cancelled"));
                }).toList());
    }

    private Uni<Void> load(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (messages.size() > MESSAGE_CACHE) {
            messages.clear();
        }
        return pool.preparedQuery(MESSAGES).execute(Tuple.of(ids.toArray(Long[]::new)))
                .invoke(rows -> rows.forEach(r -> messages.put(r.getLong("id"), message(r))))
                .replaceWithVoid();
    }

    private QueuedMessage message(Row r) {
        return new QueuedMessage(r.getLong("id"), r.getLong("community_id"), r.getString("source_ref"),
                r.getString("kind"), r.getBoolean("urgent"), r.getString("title"), r.getString("summary"),
                r.getString("page"), fields(r.getString("fields")), r.getOffsetDateTime("created_at").toInstant());
    }

    private Map<String, String> fields(String text) {
        try {
            Map<String, Object> raw = json.readValue(text, new TypeReference<>() { });
            Map<String, String> fields = new HashMap<>();
            raw.forEach((k, v) -> fields.put(k, v == null ? "" : v.toString()));
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("push_message.fields is not a JSON object", e);
        }
    }

    private static Set<String> consents(Row r) {
        String[] ids = r.getArrayOfStrings("consents");
        return ids == null ? Set.of() : Set.of(ids);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
