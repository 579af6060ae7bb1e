package org.linli.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery figures for the features that push (a notice shows how many residents it reached, and how), without
 * touching the push tables. Reads outside the caller's transaction: figures of a message enqueued in an open
 * transaction appear once it commits.
 */
@ApplicationScoped
public class PushStats {

    /**
     * @param byStatus  every status, 0 when none
     * @param byChannel deliveries that reached the resident (SENT or IN_APP), per channel; every channel, 0 when none
     */
    public record Figures(String sourceRef, long total, Map<DeliveryStatus, Long> byStatus,
                          Map<Channel, Long> byChannel) {

        public long count(DeliveryStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    /** One resident's delivery of one message; channel is the one that delivered, or the last one tried. */
    public record ResidentDelivery(long residentId, DeliveryStatus status, Channel channel, Integer lastErrcode,
                                   Instant doneAt) {
    }

    private static final String FIGURES = """
            SELECT m.source_ref, d.status, d.channel, count(*) AS n
              FROM push_message m JOIN push_delivery d ON d.message_id = m.id
             WHERE m.source_ref = ANY($1)
             GROUP BY 1, 2, 3""";

    private static final String RESIDENTS = """
            SELECT d.resident_id, d.status, d.channel, d.last_errcode, d.done_at
              FROM push_message m JOIN push_delivery d ON d.message_id = m.id
             WHERE m.source_ref = $1 AND d.resident_id = ANY($2)""";

    private final Pool pool;

    PushStats(Pool pool) {
        this.pool = pool;
    }

    public Uni<Figures> forSource(String sourceRef) {
        return forSources(List.of(sourceRef)).map(all -> all.get(sourceRef));
    }

    /** Figures for many messages in one query (e.g. a page of notices); every asked ref is in the answer. */
    public Uni<Map<String, Figures>> forSources(Collection<String> sourceRefs) {
        return pool.preparedQuery(FIGURES).execute(Tuple.of(sourceRefs.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Builder> builders = new HashMap<>();
                    sourceRefs.forEach(ref -> builders.put(ref, new Builder()));
                    for (Row r : rows) {
                        builders.get(r.getString("source_ref")).add(DeliveryStatus.valueOf(r.getString("status")),
                                channel(r.getString("channel")), r.getLong("n"));
                    }
                    Map<String, Figures> figures = new HashMap<>();
                    builders.forEach((ref, b) -> figures.put(ref, b.build(ref)));
                    return figures;
                });
    }

    public Uni<Optional<ResidentDelivery>> forResident(String sourceRef, long residentId) {
        return forResidents(sourceRef, List.of(residentId)).map(all -> Optional.ofNullable(all.get(residentId)));
    }

    /** Per-resident status of one message; residents it was not queued for are absent. */
    public Uni<Map<Long, ResidentDelivery>> forResidents(String sourceRef, Collection<Long> residentIds) {
        return pool.preparedQuery(RESIDENTS).execute(Tuple.of(sourceRef, residentIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, ResidentDelivery> result = new HashMap<>();
                    for (Row r : rows) {
                        OffsetDateTime done = r.getOffsetDateTime("done_at");
                        result.put(r.getLong("resident_id"), new ResidentDelivery(r.getLong("resident_id"),
                                DeliveryStatus.valueOf(r.getString("status")), channel(r.getString("channel")),
                                r.getInteger("last_errcode"), done == null ? null : done.toInstant()));
                    }
                    return result;
                });
    }

    private static Channel channel(String name) {
        return name == null ? null : Channel.valueOf(name);
    }

    private static final class Builder {
        private final Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        private final Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        private long total;

        Builder() {
            for (DeliveryStatus s : DeliveryStatus.values()) {
                byStatus.put(s, 0L);
            }
            for (Channel c : Channel.values()) {
                byChannel.put(c, 0L);
            }
        }

        void add(DeliveryStatus status, Channel channel, long n) {
            total += n;
            byStatus.merge(status, n, Long::sum);
            if ((status == DeliveryStatus.SENT || status == DeliveryStatus.IN_APP) && channel != null) {
                byChannel.merge(channel, n, Long::sum);
            }
        }

        Figures build(String ref) {
            return new Figures(ref, total, Collections.unmodifiableMap(byStatus), Collections.unmodifiableMap(byChannel));
        }
    }
}
