package org.linli.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Eventually;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** Several workers on one outbox, and workers that die half-way: nothing is lost and nothing reaches a user twice. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushConcurrencyTest {

    @Inject
    PushWorld world;

    @Inject
    Claims claims;

    @Inject
    Clock clock;

    @Inject
    @Any
    Instance<PushChannel> channels;

    FakeWechatServer wechat;
    long community;
    final List<ExecutorService> pools = new ArrayList<>();

    @BeforeEach
    void setUp() {
        world.reset();
        wechat = world.wechat;
        community = world.community();
    }

    @AfterEach
    void tearDown() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    /** A second replica: its own worker id and send pool, the same outbox, Redis and WeChat. */
    private PushEngine replica(String name, Recorder recorder) {
        ExecutorService pool = PushWorker.sendPool(name, 50);
        pools.add(pool);
        return world.worker.newEngine(name, recorder, pool);
    }

    private Recorder recorder() {
        return new Recorder(world.pool, clock);
    }

    /** Records nothing: the process dies right after each send, before the outcome reaches PostgreSQL. */
    private Recorder amnesiac() {
        return new Recorder(world.pool, clock) {
            @Override
            Uni<Void> record(Outcome outcome, String worker) {
                return Uni.createFrom().voidItem();
            }
        };
    }

    private Map<String, Long> deliveriesPerOpenid() {
        return wechat.deliveries().stream()
                .collect(Collectors.groupingBy(FakeWechatServer.Delivery::openid, Collectors.counting()));
    }

    private void assertEachReachedOnce(List<PushWorld.Person> people, String ref) {
        Map<String, Long> perOpenid = deliveriesPerOpenid();
        for (PushWorld.Person p : people) {
            assertEquals(1L, perOpenid.getOrDefault(p.mpOpenid(), 0L), "deliveries to " + p.mpOpenid());
        }
        assertEquals(Map.of("SENT", (long) people.size()), world.statuses(ref));
    }

    /** Rows whose lease ran out become due; the lease is 2 min, so the test moves them instead of waiting. */
    private void expireLeases(String worker) {
        world.sql("UPDATE push_delivery SET next_attempt_at = now() WHERE status = 'PENDING' AND claimed_by = $1",
                Tuple.of(worker));
    }

    @Test
    void twoWorkersOnOneOutboxSendEachMessageOnce() {
        var people = world.residents(community, Integer.getInteger("n", 3_000), false, true);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));
        wechat.latency(WechatPaths.TEMPLATE_SEND, Duration.ofMillis(20));

        PushEngine a = world.worker.engine();
        PushEngine b = replica("replica-b", recorder());
        CompletableFuture<PassReport> first = a.drain().subscribeAsCompletionStage();
        CompletableFuture<PassReport> second = b.drain().subscribeAsCompletionStage();
        PassReport ra = first.join();
        PassReport rb = second.join();

        assertEquals(people.size(), ra.claimed() + rb.claimed(), "every row claimed exactly once: " + ra + " / " + rb);
        assertTrue(ra.claimed() > 0 && rb.claimed() > 0, "both workers worked: " + ra + " / " + rb);
        assertEachReachedOnce(people, ref);
        assertEquals(people.size(), wechat.calls(WechatPaths.TEMPLATE_SEND).stream()
                .filter(c -> c.errcode() == 0).count(), "not even a de-duplicated repeat");
        assertEquals(2, world.count("SELECT count(DISTINCT a.worker) FROM push_attempt a JOIN push_delivery d"
                + " ON d.id = a.delivery_id JOIN push_message m ON m.id = d.message_id WHERE m.source_ref = $1",
                Tuple.of(ref)));
    }

    @Test
    void rowsOfAWorkerThatDiedAfterClaimingAreTakenOverWhenTheLeaseEnds() {
        var people = world.residents(community, 500, false, true);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));
        Instant now = clock.instant();
        List<Claim> abandoned = claims.claim("dead-worker", 200, now, now.plus(Duration.ofMinutes(2)))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(200, abandoned.size());

        assertEquals(300, world.drain().claimed(), "leased rows are left alone");
        assertEquals(200L, world.statuses(ref).get("PENDING"));
        expireLeases("dead-worker");
        assertEquals(200, world.drain().claimed(), "the lease ran out");
        assertEachReachedOnce(people, ref);
    }

    @Test
    void sentButNotRecordedIsSentAgainWithTheSameKeyAndWechatDeliversItOnce() {
        var people = world.residents(community, 300, false, true);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));

        PushEngine dying = replica("dying", amnesiac());
        assertEquals(300, dying.drain().await().atMost(PushWorld.WAIT).claimed());
        assertEquals(300, wechat.deliveries(WechatPaths.TEMPLATE_SEND).size(), "WeChat got them all...");
        assertEquals(300L, world.statuses(ref).get("PENDING"), "...but none was recorded");

        expireLeases("dying");
        world.drain();
        assertEachReachedOnce(people, ref);
        assertEquals(600, wechat.calls(WechatPaths.TEMPLATE_SEND).stream().filter(c -> c.errcode() == 0).count(),
                "each was sent twice; WeChat de-duplicated the repeats by client_msg_id");
    }

    @Test
    void aWorkerKilledMidFanOutLosesNothingAndDuplicatesNothing() throws Exception {
        var people = world.residents(community, 2_000, false, true);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));
        wechat.latency(WechatPaths.TEMPLATE_SEND, Duration.ofMillis(50));

        PushEngine victim = replica("victim", recorder());
        Cancellable run = victim.drain().subscribe().with(r -> { }, e -> { });
        Eventually.until("500 sent before the kill", Duration.ofSeconds(30),
                () -> world.statuses(ref).getOrDefault("SENT", 0L) >= 500);
        run.cancel(); // kill -9: claimed rows keep their lease, answers in flight are never recorded
        long sentBeforeKill = world.statuses(ref).getOrDefault("SENT", 0L);
        assertTrue(sentBeforeKill >= 500 && sentBeforeKill < 2_000, "killed mid-way at " + sentBeforeKill);
        Eventually.until("sends already on the wire are answered", () -> wechat.answersWaiting() == 0);

        world.drain(); // the survivor takes what was never claimed
        expireLeases("victim");
        world.drain(); // ... and, once the leases end, what the victim held
        assertEachReachedOnce(people, ref);
    }

    @Test
    void fakeWechatHonoursClientMsgIdLikeWechat() {
        var person = world.resident(community, false, true);
        PushChannel template = channels.stream().filter(c -> c.channel() == Channel.MP_TEMPLATE).findFirst()
                .orElseThrow();
        PushRequest request = new PushRequest(1, unique("key-"), person.mpOpenid(), "demo-mp-notice", "标题", "摘要",
                null, Map.of("thing1", "标题"));
        DeliveryOutcome first = template.send(request);
        DeliveryOutcome again = template.send(request);
        DeliveryOutcome otherKey = template.send(new PushRequest(1, unique("key-"), person.mpOpenid(),
                "demo-mp-notice", "标题", "摘要", null, Map.of("thing1", "标题")));

        assertEquals(DeliveryOutcome.Verdict.SENT, again.verdict());
        assertEquals(first.msgId(), again.msgId(), "the repeat is answered with the first msgid");
        assertEquals(2, wechat.deliveriesTo(person.mpOpenid()).size(), "one per client_msg_id");
        assertTrue(!otherKey.msgId().equals(first.msgId()));
    }

}
