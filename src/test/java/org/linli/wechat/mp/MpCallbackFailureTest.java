package org.linli.wechat.mp;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.bot.BotScriptsHolder;
import org.linli.bot.BotWorld;
import org.linli.bot.ConversationStore;
import org.linli.bot.OpenidLock;
import org.linli.bot.RateLimiter;
import org.linli.bot.Reply;
import org.linli.bot.script.Render;
import org.linli.bot.script.Texts;
import org.linli.common.ProblemMessages;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.support.WechatCallbacks.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis or PostgreSQL failing while a callback is handled: WeChat still gets HTTP 200 with a polite text (never a
 * 500, which it shows as "该公众号暂时无法提供服务"), and nothing stored is left half-written. The failures are real:
 * a key of the wrong type makes Redis answer WRONGTYPE; a table taken offline makes PostgreSQL refuse the query.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MpCallbackFailureTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Pool pool;
    @Inject
    BotWorld world;
    @Inject
    BotScriptsHolder scripts;

    private static String content(String xml, Query q) {
        return WechatCallbacks.tag(WechatCallbacks.postPlain(xml, q).then().statusCode(200).extract().asString(),
                "Content");
    }

    private static String say(String openid, String text) {
        return content(WechatCallbacks.text(openid, text, WechatCallbacks.nextMsgId()), Query.now());
    }

    private String botErrorText() {
        Texts texts = scripts.scripts().texts();
        return Render.render(texts.reply(Texts.ERROR), texts.defaults());
    }

    @Test
    void redisFailingInTheGatewayAnswersBotUnavailableAndClaimsNothing() {
        String openid = BotWorld.newOpenid();
        long msgId = WechatCallbacks.nextMsgId();
        String xml = WechatCallbacks.text(openid, "帮助", msgId);
        Query q = Query.now();
        String msgKey = "linli:wx:msg:" + WechatCallbacks.ACCOUNT + ":" + msgId;
        redis.list(String.class).rpush(msgKey, "someone else's data");

        assertEquals(ProblemMessages.text("BOT_UNAVAILABLE"), content(xml, q));

        assertEquals(List.of("someone else's data"), redis.list(String.class).lrange(msgKey, 0, -1));
        assertFalse(redis.key().exists(RateLimiter.key(openid)), "not counted against the rate limit");
        assertNull(redis.value(String.class).get("linli:wx:last-inbound:" + openid));
        // Once Redis is sound, WeChat's retry (same message, same signed query) is answered in full: the failed
        // attempt spent neither the nonce nor the message id.
        redis.key().del(msgKey);
        assertTrue(content(xml, q).contains("说事"));
    }

    @Test
    void redisFailingInTheBotAnswersPolitelyAndLeavesNoLockBehind() {
        String openid = BotWorld.newOpenid();
        String conversation = ConversationStore.key(openid);
        redis.list(String.class).rpush(conversation, "someone else's data");
        String xml = WechatCallbacks.text(openid, "绑定", WechatCallbacks.nextMsgId());

        String first = content(xml, Query.now());
        assertEquals(botErrorText(), first);
        assertEquals(first, content(xml, Query.now()), "WeChat's retry gets the same answer");
        assertEquals(List.of("someone else's data"), redis.list(String.class).lrange(conversation, 0, -1));
        assertFalse(redis.key().exists(OpenidLock.PREFIX + openid), "the lock is not left held");

        redis.key().del(conversation);
        long start = System.nanoTime();
        assertTrue(say(openid, "绑定").contains("邀请码"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "nobody waited for a stale lock");
        assertEquals("1", world.stateHash(openid).get("v"));
    }

    @Test
    void databaseFailingAnswersPolitelyAndKeepsTheConversationAsItWas() {
        String openid = BotWorld.newOpenid();
        world.verifiedResident(openid);
        assertTrue(say(openid, "说事").contains("发生了什么"));
        Map<String, String> before = world.stateHash(openid);

        // The menu's "我的房屋" needs the resident's memberships, and PostgreSQL now refuses every query on them.
        sql("ALTER TABLE membership RENAME TO membership_offline");
        Reply reply;
        try {
            reply = WechatCallbacks.exchange(BotWorld.click(openid, "MENU_MY"), false);
        } finally {
            sql("ALTER TABLE membership_offline RENAME TO membership");
        }
        assertEquals(botErrorText(), reply.text());
        assertEquals(before, world.stateHash(openid), "the flow in progress is neither dropped nor advanced");
        assertFalse(redis.key().exists(OpenidLock.PREFIX + openid));
        assertTrue(say(openid, "小区南门路灯不亮").contains("在哪里"));
    }

    @Test
    void aConsentEventThatCannotBeRecordedIsStillAnsweredSuccess() {
        String openid = BotWorld.newOpenid();
        String popup = WechatCallbacks.subscribeMsgEvent(openid, "subscribe_msg_popup_event", "SubscribeMsgPopupEvent",
                Instant.now().getEpochSecond(), WechatCallbacks.consentItem("demo-mp-subscribe-notice", "accept"));
        sql("ALTER TABLE push_consent RENAME TO push_consent_offline");
        try {
            WechatCallbacks.postPlain(popup).then().statusCode(200).body(equalTo("success"));
        } finally {
            sql("ALTER TABLE push_consent_offline RENAME TO push_consent");
        }
        WechatCallbacks.postPlain(popup).then().statusCode(200).body(equalTo("success"));
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
