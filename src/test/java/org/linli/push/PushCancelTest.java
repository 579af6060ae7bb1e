package org.linli.push;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.await;
import static org.linli.push.PushWorld.expiring;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** Messages called off (a withdrawn notice) or past their use (an expired one) are not sent late. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushCancelTest {

    @Inject
    PushWorld world;

    @Inject
    Inbox inbox;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Clock clock;

    FakeWechatServer wechat;
    long community;
    ExecutorService sendPool;

    @BeforeEach
    void setUp() {
        world.reset();
        wechat = world.wechat;
        community = world.community();
    }

    @AfterEach
    void tearDown() {
        if (sendPool != null) {
            sendPool.shutdownNow();
        }
    }

    @Test
    void whatACancelledMessageHasNotDeliveredIsNeverSent() {
        var people = world.residents(community, 4, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, people.get(0).mpOpenid(), 47003);
        String first = unique("notice:");
        world.enqueue(message(community, first, true), ids(people));
        world.drain();
        assertEquals(Map.of("SENT", 3L, "DEAD", 1L), world.statuses(first));

        String second = unique("notice:");
        world.enqueue(message(community, second, true), ids(people));
        wechat.clearCalls();

        assertEquals(5, world.cancel(first, second), "one dead letter and four waiting deliveries");
        world.drain();

        assertEquals(0, wechat.deliveries().size(), "nothing went out after the cancel");
        assertEquals(Map.of("SENT", 3L, "CANCELLED", 1L), world.statuses(first), "what was sent stays sent");
        assertEquals(Map.of("CANCELLED", 4L), world.statuses(second));
        assertTrue(await(() -> deadLetters.list(community, null, 10)).isEmpty(), "nothing left to re-drive");
        assertEquals(0, world.enqueue(message(community, second, true), ids(people)),
                "a cancelled message takes no new recipients");
        assertEquals(0, world.cancel(second), "cancelling twice changes nothing");
    }

    @Test
    void aDeliveryQueuedWhileTheCancelRanIsNotSentEither() {
        var person = world.resident(community, false, true);
        var late = world.resident(community, false, true);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), List.of(person.id()));
        assertEquals(1, world.cancel(ref));
        // An enqueue that committed while the cancel waited for the message row: its delivery is still PENDING.
        world.sql("INSERT INTO push_delivery (message_id, community_id, resident_id, next_attempt_at)"
                + " SELECT id, community_id, " + late.id() + ", now() FROM push_message WHERE source_ref = '" + ref + "'");

        world.drain();
        Row row = world.delivery(ref, late.id());
        assertEquals("CANCELLED", row.getString("status"));
        assertEquals("cancelled", row.getString("last_error"));
        assertTrue(wechat.deliveries().isEmpty());
    }

    @Test
    void inAppCopiesOfACancelledMessageLeaveTheInbox() {
        var person = world.resident(community, false, false);
        String kept = unique("notice:");
        String withdrawn = unique("notice:");
        world.enqueue(message(community, kept, true), List.of(person.id()));
        world.enqueue(message(community, withdrawn, true), List.of(person.id()));
        world.drain();
        assertEquals(2, await(() -> inbox.of(person.id(), 10)).size());

        assertEquals(0, world.cancel(withdrawn), "an in-app delivery is done; it only leaves the inbox");

        List<Inbox.Item> items = await(() -> inbox.of(person.id(), 10));
        assertEquals(List.of(kept), items.stream().map(Inbox.Item::sourceRef).toList());
        assertEquals(1, await(() -> inbox.markSeen(person.id())), "only what is shown counts as newly seen");
        assertEquals("IN_APP", world.status(withdrawn, person.id()));
    }

    @Test
    void anExpiredMessageIsNotSentAndLeavesTheInbox() {
        var follower = world.resident(community, false, true);
        var offline = world.resident(community, false, false);
        Instant now = clock.instant();
        String stale = unique("reminder:");
        String fresh = unique("reminder:");
        world.enqueue(expiring(message(community, stale, true), now.minusSeconds(1)), List.of(follower.id()));
        world.enqueue(expiring(message(community, fresh, true), now.plus(1, ChronoUnit.HOURS)),
                List.of(follower.id(), offline.id()));
        world.drain();

        Row expired = world.delivery(stale, follower.id());
        assertEquals("CANCELLED", expired.getString("status"));
        assertEquals("expired", expired.getString("last_error"));
        assertEquals(1, wechat.deliveriesTo(follower.mpOpenid()).size(), "only the fresh one went out");
        assertEquals("SENT", world.status(fresh, follower.id()));
        assertEquals(1, await(() -> inbox.of(offline.id(), 10)).size());

        world.sql("UPDATE push_message SET expires_at = now() - interval '1 second' WHERE source_ref = '" + fresh + "'");
        assertTrue(await(() -> inbox.of(offline.id(), 10)).isEmpty(), "an expired message is not shown in the app");
    }

    @Test
    void aMovedExpiryHoldsEvenForAMessageTheWorkerHasSeen() {
        var first = world.resident(community, false, true);
        var later = world.resident(community, false, true);
        String ref = unique("notice:");
        world.enqueue(expiring(message(community, ref, true), clock.instant().plus(1, ChronoUnit.HOURS)),
                List.of(first.id()));
        world.drain();
        assertEquals("SENT", world.status(ref, first.id()));

        world.enqueue(message(community, ref, true), List.of(later.id()));
        await(() -> Panache.withTransaction(
                () -> world.outbox.expireAt(List.of(ref), clock.instant().minusSeconds(1))));
        world.drain();
        assertEquals("CANCELLED", world.status(ref, later.id()));
        assertEquals(1, wechat.deliveries().size());
    }

    @Test
    void aSendInFlightWhenTheMessageIsCancelledIsRecordedAsSent() {
        var people = world.residents(community, 3, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, people.get(0).mpOpenid(), -1);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));

        // The worker sends and holds the outcomes, as if PostgreSQL were slow to take them...
        List<Outcome> held = new CopyOnWriteArrayList<>();
        sendPool = PushWorker.sendPool("holding", 10);
        Recorder holding = new Recorder(world.pool, clock) {
            @Override
            Uni<Void> record(Outcome outcome, String worker) {
                held.add(outcome);
                return Uni.createFrom().voidItem();
            }
        };
        world.worker.newEngine("holding", holding, sendPool).drain().await().atMost(PushWorld.WAIT);
        assertEquals(3, held.size());

        // ...staff withdraw the notice meanwhile...
        assertEquals(3, world.cancel(ref), "claimed rows are still pending until their outcome is written");

        // ...then the outcomes arrive: what WeChat accepted is recorded as sent, the retry is not made.
        Recorder recorder = new Recorder(world.pool, clock);
        held.forEach(o -> recorder.record(o, "holding").await().atMost(PushWorld.WAIT));
        assertEquals(Map.of("SENT", 2L, "CANCELLED", 1L), world.statuses(ref));
        assertEquals("CANCELLED", world.status(ref, people.get(0).id()));
        world.makeDue(ref);
        world.drain();
        assertEquals(2, wechat.deliveries(WechatPaths.TEMPLATE_SEND).size());
    }

    @Test
    void cancelOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class, () -> await(() -> Panache.withSession(
                () -> world.outbox.cancel(List.of("notice:1:v1")))));
    }
}
