package org.linli.bot;

import io.quarkus.qute.Engine;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.bot.action.FlowActions;
import org.linli.bot.action.Residency;
import org.linli.common.Workers;
import org.linli.support.LinliInfra;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.Says.finds;
import static org.linli.bot.Says.says;

/** Conversation state lives in Redis only: any engine instance (any replica) continues any conversation. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BotStateTest {

    @Inject
    BotWorld world;
    @Inject
    BotConfig config;
    @Inject
    Engine engine;
    @Inject
    FlowActions actions;
    @Inject
    Workers workers;
    @Inject
    ConversationStore store;
    @Inject
    OpenidLock lock;
    @Inject
    RateLimiter limiter;
    @Inject
    Residency residency;
    @Inject
    RedisDataSource redis;

    /** A second engine with its own freshly loaded scripts, as another replica would have. */
    private ScriptedConversations anotherReplica() {
        BotScriptsHolder scripts = new BotScriptsHolder(config, engine, actions, workers);
        return new ScriptedConversations(scripts, store, lock, limiter, actions, residency);
    }

    @Test
    void theStateIsAHashWithAnIdleTtl() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        world.say(openid, "垃圾房门口堆满了装修垃圾");

        Map<String, String> hash = world.stateHash(openid);
        assertEquals("shuoshi", hash.get("flow"));
        assertEquals("where", hash.get("step"));
        assertEquals("垃圾房门口堆满了装修垃圾", hash.get("d.what"));
        assertEquals("2", hash.get("v"));
        assertFalse(hash.get("key").isBlank());
        long ttl = redis.key().ttl(ConversationStore.key(openid));
        assertTrue(ttl > 1700 && ttl <= config.conversationTtl().toSeconds(), "ttl " + ttl);
    }

    @Test
    void anotherEngineInstanceContinuesTheConversation() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        ScriptedConversations other = anotherReplica();

        says(world.say(openid, "说事"), "发生了什么");
        says(world.send(other, IncomingMessage.text(openid, "消防通道被电动车堵住了")), "在哪里");
        says(world.say(openid, "2号楼北侧"), "照片");
        says(world.send(other, IncomingMessage.text(openid, "跳过")), "消防通道被电动车堵住了", "2号楼北侧");
        finds(world.say(openid, "确认"), "SS-\\d{8}-\\d{4}");
        assertEquals(1, world.threadsOf(openid).size());
    }

    @Test
    void aStateWrittenByAnotherReplicaIsReadFromRedis() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        redis.hash(String.class).hset(ConversationStore.key(openid), Map.of("flow", "shuoshi", "step", "confirm",
                "key", "run-" + openid, "v", "7", "d.what", "北门道闸坏了", "d.where", "北门", "d.photo", ""));

        finds(world.say(openid, "确认"), "编号 SS-");
        var thread = world.threadsOf(openid).get(0);
        assertEquals("北门道闸坏了", thread.getString("description"));
        assertEquals("北门", thread.getString("location_text"));
        assertEquals("run-" + openid, thread.getString("submission_key"));
    }

    @Test
    void confirmingTheSameRunTwiceStoresOneDraft() {
        // As if a message whose lock had expired confirmed too: the run key makes the draft idempotent.
        String openid = newOpenid();
        world.verifiedResident(openid);
        Map<String, String> atConfirm = Map.of("flow", "shuoshi", "step", "confirm", "key", "run-" + openid,
                "v", "4", "d.what", "单元门禁刷不开", "d.where", "1单元");
        redis.hash(String.class).hset(ConversationStore.key(openid), atConfirm);
        String first = finds(world.say(openid, "确认"), "SS-\\d{8}-\\d{4}");
        redis.hash(String.class).hset(ConversationStore.key(openid), atConfirm);
        String second = finds(world.say(openid, "确认"), "SS-\\d{8}-\\d{4}");
        assertEquals(first, second);
        assertEquals(1, world.threadsOf(openid).size());
    }

    @Test
    void aStateOfAFlowNoLongerInTheScriptsIsDropped() {
        String openid = newOpenid();
        redis.hash(String.class).hset(ConversationStore.key(openid), Map.of("flow", "retired-flow", "step", "x",
                "key", "k", "v", "1"));
        says(world.say(openid, "帮助"), "说事");
        assertTrue(world.stateHash(openid).isEmpty());
    }

    @Test
    void aFinishedFlowLeavesNoState() {
        String openid = newOpenid();
        world.say(openid, "帮助");
        world.say(openid, "你好呀呀呀");
        assertFalse(redis.key().exists(ConversationStore.key(openid)));
    }
}
