package org.linli.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outbox in PostgreSQL. One statement per call, on the caller's Hibernate Reactive session and transaction:
 * the message row is upserted by source_ref and the deliveries are inserted from an array, so 50,000 residents cost
 * one round trip, and a rollback of the caller's transaction takes the rows with it.
 */
@ApplicationScoped
public class SqlPushOutbox implements PushOutbox {

    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 1000;

    private static final String ENQUEUE = """
            WITH m AS (
                INSERT INTO push_message (community_id, source_ref, kind, urgent, title, summary, page, fields,
                                          not_before, expires_at, created_at)
                VALUES (:community, :ref, :kind, :urgent, :title, :summary, :page, CAST(CAST(:fields AS text) AS jsonb),
                        :notBefore, :expiresAt, :now)
                ON CONFLICT (source_ref) DO UPDATE SET source_ref = EXCLUDED.source_ref
                RETURNING id, community_id, cancelled_at),
            d AS (
                INSERT INTO push_delivery (message_id, community_id, resident_id, next_attempt_at, updated_at)
                SELECT m.id, m.community_id, r.id, :due, :now FROM m, unnest(CAST(string_to_array(:residents, ',') AS bigint[])) AS r(id)
                 WHERE m.cancelled_at IS NULL
                ON CONFLICT (message_id, resident_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM d""";

    private static final String CANCEL = """
            WITH m AS (
                UPDATE push_message SET cancelled_at = COALESCE(cancelled_at, :now)
                 WHERE source_ref = ANY(string_to_array(:refs, chr(10)))
                RETURNING id),
            d AS (
                UPDATE push_delivery d
                   SET status = 'CANCELLED', claimed_until = NULL, done_at = :now, updated_at = :now
                  FROM m
                 WHERE d.message_id = m.id AND d.status IN ('PENDING', 'DEAD')
                RETURNING 1)
            SELECT count(*) FROM d""";

    private final Clock clock;
    private final QuietHours quietHours;
    private final ObjectMapper json;

    @Inject
    SqlPushOutbox(Clock clock, PushConfig config, ObjectMapper json) {
        this(clock, QuietHours.of(config.quietHours()), json);
    }

    SqlPushOutbox(Clock clock, QuietHours quietHours, ObjectMapper json) {
        this.clock = clock;
        this.quietHours = quietHours;
        this.json = json;
    }

    @Override
    public Uni<Integer> enqueue(PushMessage message, Collection<Long> residentIds) {
        validate(message);
        String residents = residentIds.stream().filter(Objects::nonNull).distinct().sorted()
                .map(String::valueOf).collect(Collectors.joining(","));
        if (residents.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        Instant due = quietHours.schedule(latest(now, message.notBefore()), message.urgent());
        return callersSession("enqueue")
                .chain(session -> session.createNativeQuery(ENQUEUE, Long.class)
                        .setParameter("community", message.communityId())
                        .setParameter("ref", message.sourceRef())
                        .setParameter("kind", message.kind())
                        .setParameter("urgent", message.urgent())
                        .setParameter("title", cut(message.title(), MAX_TITLE))
                        .setParameter("summary", cut(Objects.requireNonNullElse(message.summary(), ""), MAX_SUMMARY))
                        .setParameter("page", message.page())
                        .setParameter("fields", toJson(message.fields()))
                        .setParameter("notBefore", utc(message.notBefore()))
                        .setParameter("expiresAt", utc(message.expiresAt()))
                        .setParameter("now", utc(now))
                        .setParameter("due", utc(due))
                        .setParameter("residents", residents)
                        .getSingleResult())
                .map(Long::intValue);
    }

    @Override
    public Uni<Integer> cancel(Collection<String> sourceRefs) {
        if (sourceRefs.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return callersSession("cancel")
                .chain(session -> session.createNativeQuery(CANCEL, Long.class)
                        .setParameter("refs", oneLineEach(sourceRefs))
                        .setParameter("now", utc(clock.instant()))
                        .getSingleResult())
                .map(Long::intValue);
    }

    @Override
    public Uni<Void> expireAt(Collection<String> sourceRefs, Instant expiresAt) {
        if (sourceRefs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return callersSession("expireAt")
                .chain(session -> session.createNativeQuery("UPDATE push_message SET expires_at = :expiresAt"
                                + " WHERE source_ref = ANY(string_to_array(:refs, chr(10)))")
                        .setParameter("refs", oneLineEach(sourceRefs))
                        .setParameter("expiresAt", utc(expiresAt))
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Mutiny.Session> callersSession(String operation) {
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException("PushOutbox." + operation
                        + " must run inside Panache.withTransaction, with the change it announces"))
                .chain(tx -> Panache.getSession());
    }

    /** Source refs joined by newlines, for string_to_array in SQL. */
    private static String oneLineEach(Collection<String> sourceRefs) {
        sourceRefs.forEach(ref -> require(ref != null && ref.indexOf('\n') < 0, "sourceRef must be one line"));
        return String.join("\n", sourceRefs);
    }

    private static void validate(PushMessage m) {
        require(m.sourceRef() != null && !m.sourceRef().isBlank() && m.sourceRef().length() <= 128,
                "sourceRef must be 1..128 characters");
        require(m.sourceRef().chars().noneMatch(Character::isISOControl), "sourceRef must be one line");
        require(m.kind() != null && !m.kind().isBlank() && m.kind().length() <= 32, "kind must be 1..32 characters");
        require(m.title() != null && !m.title().isBlank(), "title is required");
        require(m.page() == null || m.page().length() <= 512, "page must be at most 512 characters");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("PushMessage: " + message);
        }
    }

    private String toJson(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields == null ? Map.of() : fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("PushMessage.fields cannot be written as JSON", e);
        }
    }

    private static Instant latest(Instant now, Instant notBefore) {
        return notBefore != null && notBefore.isAfter(now) ? notBefore : now;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
