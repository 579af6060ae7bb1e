package org.linli.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.await;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushOutboxTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    PushWorld world;

    @Inject
    ObjectMapper json;

    long community;

    @BeforeEach
    void setUp() {
        world.reset();
        community = world.community();
    }

    private long messages(String ref) {
        return world.count("SELECT count(*) FROM push_message WHERE source_ref = $1", Tuple.of(ref));
    }

    private long deliveries(String ref) {
        return world.count("SELECT count(*) FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
                + " WHERE m.source_ref = $1", Tuple.of(ref));
    }

    @Test
    void enqueueWritesOneMessageAndOneDeliveryPerResident() {
        var people = world.residents(community, 3, false, true);
        String ref = unique("notice:");
        assertEquals(3, world.enqueue(message(community, ref, false), ids(people)));
        assertEquals(1, messages(ref));
        assertEquals(Map.of("PENDING", 3L), world.statuses(ref));
    }

    @Test
    void sameSourceTwiceQueuesNothingTwiceButAddsNewResidents() {
        var first = world.residents(community, 2, false, true);
        var later = world.residents(community, 1, false, true);
        String ref = unique("notice:");
        assertEquals(2, world.enqueue(message(community, ref, false), ids(first)));
        assertEquals(0, world.enqueue(message(community, ref, false), ids(first)));
        List<Long> all = new ArrayList<>(ids(first));
        all.addAll(ids(later));
        all.add(all.get(0)); // duplicates in one call are harmless too
        assertEquals(1, world.enqueue(message(community, ref, false), all));
        assertEquals(1, messages(ref));
        assertEquals(3, deliveries(ref));
    }

    @Test
    void rollbackOfTheCallersTransactionDropsTheOutboxRows() {
        var people = world.residents(community, 5, false, true);
        String ref = unique("notice:");
        assertThrows(IllegalStateException.class, () -> await(() -> Panache.withTransaction(
                () -> world.outbox.enqueue(message(community, ref, false), ids(people))
                        .chain(n -> Uni.createFrom().failure(new IllegalStateException("business rule failed"))))));
        assertEquals(0, messages(ref));

        String marked = unique("notice:");
        int queued = await(() -> Panache.withTransaction(
                () -> world.outbox.enqueue(message(community, marked, false), ids(people))
                        .call(n -> Panache.currentTransaction().invoke(tx -> tx.markForRollback()))));
        assertEquals(5, queued, "the statement ran inside the transaction");
        assertEquals(0, messages(marked));
        assertEquals(0, deliveries(marked));
    }

    @Test
    void outboxRowsCommitWithTheBusinessChange() {
        var people = world.residents(community, 2, false, true);
        String ref = unique("notice:");
        String renamed = "改名" + ref.substring(ref.length() - 6);
        await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("UPDATE community SET name = :name WHERE id = :id")
                        .setParameter("name", renamed).setParameter("id", community).executeUpdate())
                .chain(() -> world.outbox.enqueue(message(community, ref, false), ids(people)))));
        assertEquals(renamed, world.one("SELECT name FROM community WHERE id = $1", Tuple.of(community))
                .getString("name"));
        assertEquals(2, deliveries(ref));
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        var people = world.residents(community, 1, false, true);
        String ref = unique("notice:");
        assertThrows(IllegalStateException.class, () -> await(() -> Panache.withSession(
                () -> world.outbox.enqueue(message(community, ref, false), ids(people)))));
        assertEquals(0, messages(ref));
    }

    @Test
    void fanOutToFiftyThousandIsOneStatement() {
        var people = world.residents(community, 50_000, false, true);
        String ref = unique("notice:");
        // A statement-level trigger counts the INSERT statements that reach push_delivery during the fan-out.
        world.sql("CREATE TABLE IF NOT EXISTS test_delivery_inserts (n int NOT NULL)");
        world.sql("TRUNCATE test_delivery_inserts");
        world.sql("CREATE OR REPLACE FUNCTION test_count_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO test_delivery_inserts VALUES (1); RETURN NULL; END $$");
        world.sql("CREATE TRIGGER test_count_delivery_insert AFTER INSERT ON push_delivery"
                + " FOR EACH STATEMENT EXECUTE FUNCTION test_count_delivery_insert()");
        try {
            long started = System.nanoTime();
            assertEquals(50_000, world.enqueue(message(community, ref, false), ids(people)));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(50_000, deliveries(ref));
            assertEquals(1, world.count("SELECT count(*) FROM test_delivery_inserts", Tuple.tuple()),
                    "INSERT statements into push_delivery for one fan-out");
            System.out.printf("Enqueued 50,000 deliveries in %d ms%n", millis);
        } finally {
            world.sql("DROP TRIGGER test_count_delivery_insert ON push_delivery");
        }
        world.sql("UPDATE push_delivery SET status = 'DEAD' WHERE message_id = (SELECT id FROM push_message"
                + " WHERE source_ref = $1)", Tuple.of(ref));
    }

    @Test
    void normalPushesEnqueuedInQuietHoursWaitForTheMorning() {
        var people = world.residents(community, 1, false, true);
        QuietHours nights = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), SHANGHAI);
        Instant lateEvening = Instant.parse("2026-11-29T15:30:00Z"); // 23:30 in Shanghai
        SqlPushOutbox outbox = new SqlPushOutbox(Clock.fixed(lateEvening, SHANGHAI), nights, json);

        String normal = unique("notice:");
        String urgent = unique("notice:");
        await(() -> Panache.withTransaction(() -> outbox.enqueue(message(community, normal, false), ids(people))
                .chain(() -> outbox.enqueue(message(community, urgent, true), ids(people)))));

        Row waiting = world.delivery(normal, people.get(0).id());
        assertEquals(Instant.parse("2026-11-29T23:00:00Z"), waiting.getOffsetDateTime("next_attempt_at").toInstant(),
                "07:00 the next morning in Shanghai");
        assertEquals(lateEvening, world.delivery(urgent, people.get(0).id()).getOffsetDateTime("next_attempt_at")
                .toInstant());
    }

    @Test
    void scheduledPublicationIsDueAtNotBefore() {
        var people = world.residents(community, 1, false, true);
        String ref = unique("notice:");
        Instant inAnHour = Instant.now().plusSeconds(3600);
        PushMessage m = message(community, ref, false);
        world.enqueue(new PushMessage(m.communityId(), ref, m.kind(), false, m.title(), m.summary(), m.page(),
                Map.of("x", "y"), inAnHour), ids(people));
        Row row = world.delivery(ref, people.get(0).id());
        assertTrue(Math.abs(row.getOffsetDateTime("next_attempt_at").toInstant().toEpochMilli()
                - inAnHour.toEpochMilli()) < 1000);
        assertEquals(0, world.drain().claimed(), "nothing is due yet");
    }
}
