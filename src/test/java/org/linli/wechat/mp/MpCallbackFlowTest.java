package org.linli.wechat.mp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.bot.BotWorld;
import org.linli.bot.IncomingMessage;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.support.WechatCallbacks.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole conversations through the signed endpoint: retries, side effects once, one user writing in parallel. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MpCallbackFlowTest {

    @Inject
    BotWorld world;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void everyMessageOpensTheCustomerServiceWindowForPushes() {
        String openid = BotWorld.newOpenid();
        assertEquals(null, redis.value(String.class).get("linli:wx:last-inbound:" + openid));
        say(openid, "帮助");
        String at = redis.value(String.class).get("linli:wx:last-inbound:" + openid);
        assertTrue(at != null && Math.abs(Long.parseLong(at) - System.currentTimeMillis()) < 60_000, at);
    }

    private static String say(String openid, String text) {
        return WechatCallbacks.exchange(IncomingMessage.text(openid, text), false).text();
    }

    @Test
    void retriedConfirmationStoresOneThreadAndRepeatsTheSameReply() throws Exception {
        String openid = BotWorld.newOpenid();
        world.verifiedResident(openid);
        say(openid, "说事");
        say(openid, "3号楼2单元楼道灯坏了");
        say(openid, "3号楼2单元");
        assertTrue(say(openid, "跳过").contains("确认"));

        // WeChat times out and retries the same message (same MsgId), three tries in all, some in parallel.
        String confirm = WechatCallbacks.text(openid, "确认", WechatCallbacks.nextMsgId());
        Query q = Query.now();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> tries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tries.add(pool.submit(() -> WechatCallbacks.postPlain(confirm, q).then().statusCode(200)
                        .extract().asString()));
            }
            List<String> replies = new ArrayList<>();
            for (Future<String> t : tries) {
                replies.add(t.get());
            }
            String first = WechatCallbacks.tag(replies.get(0), "Content");
            assertTrue(first.matches("(?s).*SS-\\d{8}-\\d{4,}.*"), first);
            for (String r : replies) {
                assertEquals(first, WechatCallbacks.tag(r, "Content"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, world.threadsOf(openid).size());
    }

    @Test
    void oneUserWritingInParallelGetsAnAnswerToEveryMessageAndOneConsistentFlow() throws Exception {
        String openid = BotWorld.newOpenid();
        world.verifiedResident(openid);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = i % 2 == 0 ? "说事" : "帮助";
                answers.add(pool.submit(() -> say(openid, text)));
            }
            for (Future<String> a : answers) {
                assertFalse(a.get().isBlank());
            }
        } finally {
            pool.shutdownNow();
        }
        // Whatever the interleaving, the state is one valid flow step that the next message continues.
        String next = say(openid, "楼下垃圾没人清运");
        assertTrue(next.contains("在哪里") || next.contains("没太明白") || next.contains("说事"), next);
        assertTrue(world.threadsOf(openid).isEmpty());
    }

    @Test
    void stateLivesInRedisSoAnyReplicaContinuesTheConversation() {
        String openid = BotWorld.newOpenid();
        world.verifiedResident(openid);
        say(openid, "说事");
        assertEquals("shuoshi", world.stateHash(openid).get("flow"));
        // A different replica has nothing in memory: the next step is taken from Redis.
        assertTrue(say(openid, "小区南门路灯不亮").contains("在哪里"));
    }
}
