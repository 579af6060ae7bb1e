package org.linli.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.await;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** Quiet hours 22:00–07:00 in Shanghai, checked at chosen instants with fixed clocks. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushQuietHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final QuietHours NIGHTS = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), SHANGHAI);

    @Inject
    PushWorld world;

    @Inject
    PushParts parts;

    @Inject
    ObjectMapper json;

    ExecutorService pool;

    @BeforeEach
    void setUp() {
        world.reset();
        pool = PushWorker.sendPool("night", 10);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    /** Shanghai local time on 2026-11-28 (or the 29th when {@code nextDay}). */
    private static Instant shanghai(String time, boolean nextDay) {
        return LocalTime.parse(time).atDate(java.time.LocalDate.of(2026, 11, nextDay ? 29 : 28)).atZone(SHANGHAI)
                .toInstant();
    }

    @Test
    void theWindowCrossesMidnight() {
        assertFalse(NIGHTS.contains(shanghai("21:59:59", false)));
        assertTrue(NIGHTS.contains(shanghai("22:00", false)));
        assertTrue(NIGHTS.contains(shanghai("23:59", false)));
        assertTrue(NIGHTS.contains(shanghai("00:00", true)));
        assertTrue(NIGHTS.contains(shanghai("06:59:59", true)));
        assertFalse(NIGHTS.contains(shanghai("07:00", true)));

        assertEquals(shanghai("07:00", true), NIGHTS.schedule(shanghai("22:00", false), false));
        assertEquals(shanghai("07:00", true), NIGHTS.schedule(shanghai("03:15", true), false));
        assertEquals(shanghai("03:15", true), NIGHTS.schedule(shanghai("03:15", true), true), "urgent goes now");
        assertEquals(shanghai("12:00", false), NIGHTS.schedule(shanghai("12:00", false), false));
    }

    @Test
    void aDaytimeWindowAndNoWindow() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), SHANGHAI);
        assertTrue(lunch.contains(shanghai("13:00", false)));
        assertFalse(lunch.contains(shanghai("23:00", false)));
        assertEquals(shanghai("14:00", false), lunch.schedule(shanghai("12:30", false), false));
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, SHANGHAI);
        assertFalse(none.contains(shanghai("23:00", false)));
    }

    @Test
    void aWorkerAtNightSendsUrgentPushesAndHoldsTheOthersUntilMorning() {
        long community = world.community();
        var person = world.resident(community, false, true);
        String normal = unique("notice:");
        String urgent = unique("notice:");
        Instant evening = shanghai("21:59", false);
        SqlPushOutbox outbox = new SqlPushOutbox(Clock.fixed(evening, SHANGHAI), NIGHTS, json);
        await(() -> Panache.withTransaction(() -> outbox.enqueue(message(community, normal, false), List.of(person.id()))
                .chain(() -> outbox.enqueue(message(community, urgent, true), List.of(person.id())))));

        Clock night = Clock.fixed(shanghai("22:30", false), SHANGHAI);
        engineAt(night).drain().await().atMost(PushWorld.WAIT);
        assertEquals("SENT", world.status(urgent, person.id()));
        Row held = world.delivery(normal, person.id());
        assertEquals("PENDING", held.getString("status"));
        Instant next = held.getOffsetDateTime("next_attempt_at").toInstant();
        Instant morning = shanghai("07:00", true);
        assertTrue(!next.isBefore(morning) && next.isBefore(morning.plusSeconds(31)), "held until 07:00: " + next);
        assertEquals(0, held.getInteger("failures"));

        Clock earlyMorning = Clock.fixed(shanghai("06:59", true), SHANGHAI);
        assertEquals(0, engineAt(earlyMorning).drain().await().atMost(PushWorld.WAIT).claimed());
        engineAt(Clock.fixed(morning.plusSeconds(60), SHANGHAI)).drain().await().atMost(PushWorld.WAIT);
        assertEquals("SENT", world.status(normal, person.id()));
        var sent = world.wechat.deliveriesTo(person.mpOpenid());
        assertEquals(2, sent.size(), "two pushes, each once");
        assertEquals("2026-11-28 21:59", sent.get(1).body().getJsonObject("data").getJsonObject("time3")
                .getString("value"), "the held one still says when it was published");
    }

    private PushEngine engineAt(Clock clock) {
        return new PushEngine("night-worker", parts.withTime(clock, NIGHTS), new Recorder(world.pool, clock), pool);
    }
}
