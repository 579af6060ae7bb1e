package org.linli.bot;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.Says.says;

/** Messages of one resident arriving together (WeChat retries, double taps, several replicas). */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BotConcurrencyTest {

    @Inject
    BotWorld world;
    @Inject
    RedisDataSource redis;

    private List<Reply> inParallel(List<IncomingMessage> messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(messages.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (IncomingMessage m : messages) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return world.send(m);
                }));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(30, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<IncomingMessage> times(int n, String openid, String text) {
        List<IncomingMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(IncomingMessage.text(openid, text));
        }
        return list;
    }

    @Test
    void aDoubleConfirmStoresExactlyOneDraft() throws Exception {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        world.say(openid, "楼顶水箱漏水，顶楼墙面发霉");
        world.say(openid, "6号楼顶楼");
        world.say(openid, "跳过");

        List<Reply> replies = inParallel(times(4, openid, "确认"));

        assertEquals(1, world.threadsOf(openid).size());
        long confirmations = replies.stream().filter(r -> !r.isEmpty() && r.text().contains("编号 SS-")).count();
        assertEquals(1, confirmations, replies.toString());
        replies.forEach(r -> assertFalse(r.isEmpty(), "never silence"));
        assertTrue(world.stateHash(openid).isEmpty());
    }

    @Test
    void parallelMessagesAreHandledOneAtATimeAndNoneIsLost() throws Exception {
        String openid = newOpenid();
        world.say(openid, "绑定");
        assertEquals("1", world.stateHash(openid).get("v"));

        int n = 10;
        List<Reply> replies = inParallel(times(n, openid, "abc"));

        replies.forEach(r -> says(r, "8 位字母和数字"));
        var hash = world.stateHash(openid);
        assertEquals("bind", hash.get("flow"));
        assertEquals("code", hash.get("step"));
        assertEquals(String.valueOf(1 + n), hash.get("v"), "every message read the state its predecessor wrote");
    }

    @Test
    void parallelAnswersAdvanceTheFlowOneStepEach() throws Exception {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        // Two answers at once: whichever is first answers "what", the other "where".
        List<Reply> replies = inParallel(List.of(IncomingMessage.text(openid, "楼道里有人乱堆杂物"),
                IncomingMessage.text(openid, "楼道里有人乱堆杂物")));
        replies.forEach(r -> says(r));
        var hash = world.stateHash(openid);
        assertEquals("photo", hash.get("step"));
        assertEquals("3", hash.get("v"));
        assertEquals("楼道里有人乱堆杂物", hash.get("d.what"));
        assertEquals("楼道里有人乱堆杂物", hash.get("d.where"));
    }

    @Test
    void aMessageThatCannotGetTheLockInTimeSaysBusyAndChangesNothing() {
        String openid = newOpenid();
        world.say(openid, "绑定");
        redis.value(String.class).set(OpenidLock.key(openid), "held-by-another-replica",
                new SetArgs().px(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        says(world.say(openid, "abc"), "还在处理中");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "answers within WeChat's 5 s");
        assertEquals("1", world.stateHash(openid).get("v"));
        redis.key().del(OpenidLock.key(openid));
        says(world.say(openid, "abc"), "8 位字母和数字");
    }
}
