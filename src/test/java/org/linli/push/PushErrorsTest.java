package org.linli.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Eventually;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** WeChat error codes by meaning: token trouble, busy and timeouts, quota, closed channels, anything else. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushErrorsTest {

    @Inject
    PushWorld world;

    FakeWechatServer wechat;
    long community;

    @BeforeEach
    void setUp() {
        world.reset();
        wechat = world.wechat;
        community = world.community();
    }

    private String push(List<PushWorld.Person> people, boolean urgent) {
        String ref = unique("notice:");
        world.enqueue(message(community, ref, urgent), ids(people));
        world.drain();
        return ref;
    }

    private long templateCalls(int errcode) {
        return wechat.calls(WechatPaths.TEMPLATE_SEND).stream().filter(c -> c.errcode() == errcode).count();
    }

    /** Token fetches of either kind (the Official Account uses stable_token). */
    private int tokenCalls() {
        return wechat.calls(WechatPaths.TOKEN).size() + wechat.calls(WechatPaths.STABLE_TOKEN).size();
    }

    private static Instant at(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    @Test
    void invalidOrExpiredTokenIsRefreshedByWxJavaOnceAndTheSendGoesThrough() {
        var people = world.residents(community, 2, false, true);
        String warm = push(people.subList(0, 1), true);
        assertEquals("SENT", world.status(warm, people.get(0).id()));
        wechat.clearCalls();
        int tokens = 0;

        wechat.invalidateAllTokens();
        String invalid = push(people.subList(1, 2), true);
        assertEquals("SENT", world.status(invalid, people.get(1).id()));
        assertEquals(1, templateCalls(40001));
        assertEquals(tokens + 1, tokenCalls(), "one refresh");

        wechat.expireAllTokens();
        String expired = push(people.subList(0, 1), true);
        assertEquals("SENT", world.status(expired, people.get(0).id()));
        assertEquals(1, templateCalls(42001));
        assertEquals(tokens + 2, tokenCalls());

        wechat.failNext(WechatPaths.TEMPLATE_SEND, 40014, 1);
        String badToken = push(people.subList(1, 2), true);
        assertEquals("SENT", world.status(badToken, people.get(1).id()));
        assertEquals(1, templateCalls(40014));
        assertEquals(tokens + 3, tokenCalls());
    }

    @Test
    void tokenErrorThatOutlivesTheRefreshIsRetriedLater() {
        var person = world.resident(community, false, true);
        push(List.of(world.resident(community, false, true)), true); // a valid token in Redis
        wechat.failNext(WechatPaths.TEMPLATE_SEND, 40001, 2);
        String ref = push(List.of(person), true);

        Row row = world.delivery(ref, person.id());
        assertEquals("PENDING", row.getString("status"));
        assertEquals(1, row.getInteger("failures"));
        assertEquals(40001, row.getInteger("last_errcode"));
        world.makeDue(ref);
        world.drain();
        assertEquals("SENT", world.status(ref, person.id()));
    }

    @Test
    void busyIsRetriedWithBackoffByUsNotByWxJava() {
        var person = world.resident(community, false, true);
        push(List.of(world.resident(community, false, true)), true);
        wechat.clearCalls();
        wechat.failNext(WechatPaths.TEMPLATE_SEND, -1, 1);
        Instant before = Instant.now();
        String ref = push(List.of(person), true);

        Row row = world.delivery(ref, person.id());
        assertEquals("PENDING", row.getString("status"));
        assertEquals(-1, row.getInteger("last_errcode"));
        assertEquals(1, row.getInteger("failures"));
        assertNull(row.getOffsetDateTime("claimed_until"), "the claim is given up");
        Instant next = at(row, "next_attempt_at");
        assertTrue(!next.isBefore(before.plusMillis(2_500)) && next.isBefore(Instant.now().plusSeconds(6)),
                "retry after 2.5-5 s (5 s with equal jitter): " + next);
        assertEquals(1, wechat.calls(WechatPaths.TEMPLATE_SEND).size(), "WxJava did not retry by itself");
        assertEquals(0, world.drain().claimed(), "not due before the backoff");

        world.makeDue(ref);
        world.drain();
        assertEquals("SENT", world.status(ref, person.id()));
        assertEquals(List.of("RETRY", "SENT"),
                world.attempts(ref, person.id()).stream().map(a -> a.getString("verdict")).toList());
    }

    @Test
    void timeoutIsRetriedAndTheIdempotencyKeyKeepsItToOneMessage() {
        var person = world.resident(community, false, true);
        push(List.of(world.resident(community, false, true)), true);
        wechat.clearCalls();
        wechat.latency(WechatPaths.TEMPLATE_SEND, Duration.ofMillis(6_000)); // read timeout is 5 s
        String ref = push(List.of(person), true);

        Row row = world.delivery(ref, person.id());
        assertEquals("PENDING", row.getString("status"));
        assertEquals(-99, row.getInteger("last_errcode"), "network error");
        wechat.clearRules();
        world.makeDue(ref);
        world.drain();

        assertEquals("SENT", world.status(ref, person.id()));
        // The fake logs a call when it answers, 6 s after the first arrived.
        Eventually.until("WeChat answered both sends", () -> wechat.calls(WechatPaths.TEMPLATE_SEND).size() == 2);
        assertEquals(1, wechat.deliveriesTo(person.mpOpenid()).size(), "same client_msg_id: delivered once");
    }

    @Test
    void quotaPausesTheChannelForEveryoneAndItResumesLater() {
        var people = world.residents(community, 20, false, true);
        push(List.of(world.resident(community, false, true)), true);
        wechat.clearCalls();
        wechat.failAlways(WechatPaths.TEMPLATE_SEND, 45009);
        String ref = push(people, false);

        long firstWave = wechat.calls(WechatPaths.TEMPLATE_SEND).size();
        assertTrue(firstWave >= 1 && firstWave <= people.size(), "only sends already in flight hit the quota");
        String pause = world.redis.value(String.class).get(ChannelPauses.PREFIX + "MP_TEMPLATE")
                .await().atMost(Duration.ofSeconds(5));
        assertNotNull(pause, "the pause is in Redis for every replica");
        Instant resume = Instant.ofEpochMilli(Long.parseLong(pause));
        assertEquals(20L, world.statuses(ref).get("PENDING"));
        for (PushWorld.Person p : people) {
            Instant next = at(world.delivery(ref, p.id()), "next_attempt_at");
            assertFalse(next.isBefore(resume), "waits for the channel: " + next + " < " + resume);
        }

        world.makeDue(ref); // while paused: nobody calls the paused channel
        world.drain();
        assertEquals(firstWave, wechat.calls(WechatPaths.TEMPLATE_SEND).size(), "no retry storm");
        assertEquals(20L, world.statuses(ref).get("PENDING"));

        wechat.clearRules();
        // linli.push.quota-pause is 2 s in tests and lives in Redis; until it ends a pass sends nothing.
        boolean[] sentWhilePaused = {false};
        Eventually.until("the channel resumed and all 20 were sent", () -> {
            world.makeDue(ref);
            world.drain();
            long sent = world.statuses(ref).getOrDefault("SENT", 0L);
            sentWhilePaused[0] |= sent > 0 && Instant.now().isBefore(resume);
            return sent == 20L;
        });
        assertFalse(sentWhilePaused[0], "nothing is sent before the pause ends");
        assertEquals(0, world.count("SELECT count(*) FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
                + " WHERE m.source_ref = $1 AND d.failures > 0", Tuple.of(ref)), "a pause is not a failure");
    }

    @Test
    void urgentPushesDoNotWaitForAPausedChannel() {
        var person = world.resident(community, false, true);
        push(List.of(world.resident(community, false, true)), true);
        wechat.failNext(WechatPaths.TEMPLATE_SEND, 45009, 1);
        push(List.of(world.resident(community, false, true)), false); // pauses MP_TEMPLATE
        String ref = push(List.of(person), true);
        assertEquals("IN_APP", world.status(ref, person.id()));
        assertTrue(wechat.callsFor(person.mpOpenid()).isEmpty());
    }

    @Test
    void refusedSubscriptionFallsToTheNextChannel() {
        var person = world.resident(community, true, true);
        world.grantConsent(person.id(), "demo-mini-notice", 5);
        wechat.failFor(WechatPaths.MA_SUBSCRIBE_SEND, person.miniOpenid(), 43101);
        String ref = push(List.of(person), true);
        Row row = world.delivery(ref, person.id());
        assertEquals("SENT", row.getString("status"));
        assertEquals("MP_TEMPLATE", row.getString("channel"));
        assertEquals(0, world.consentLeft(person.id(), "demo-mini-notice"));
    }

    @Test
    void badOpenidClosesTheChannelForThatUser() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 40003);
        String first = push(List.of(person), true);
        String second = push(List.of(person), true);
        assertEquals("IN_APP", world.status(first, person.id()));
        assertEquals("IN_APP", world.status(second, person.id()));
        assertEquals(1, templateCalls(40003), "remembered after the first refusal");
    }

    @Test
    void anyOtherErrorMakesADeadLetterWithTheErrcode() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 47003);
        String ref = push(List.of(person), true);
        Row row = world.delivery(ref, person.id());
        assertEquals("DEAD", row.getString("status"));
        assertEquals("MP_TEMPLATE", row.getString("channel"));
        assertEquals(47003, row.getInteger("last_errcode"));
        assertNotNull(row.getString("last_error"));
    }

    @Test
    void tooManyRetryableFailuresMakeADeadLetter() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), -1);
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), List.of(person.id()));
        for (int i = 0; i < 8; i++) {
            world.makeDue(ref);
            world.drain();
        }
        Row row = world.delivery(ref, person.id());
        assertEquals("DEAD", row.getString("status"));
        assertEquals(8, row.getInteger("failures"));
        assertEquals(-1, row.getInteger("last_errcode"));
    }
}
