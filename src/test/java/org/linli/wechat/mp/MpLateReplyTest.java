package org.linli.wechat.mp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.bot.OpenidLock;
import org.linli.support.Api;
import org.linli.support.Eventually;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.wechat.CustomerServiceWindow;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 5-second rule: when the reply is not ready by the deadline (here shrunk to 1 ms, and the bot held up by an
 * earlier message), WeChat gets "success" at once and the reply follows as a customer-service message; a retry gets
 * the reply once it exists.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@TestProfile(MpLateReplyTest.TinyDeadline.class)
class MpLateReplyTest {

    public static class TinyDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.wechat.mp.reply-deadline", "PT0.001S");
        }
    }

    @Inject
    FakeWechat endpoint;

    @Inject
    CustomerServiceWindow window;

    @Inject
    RedisDataSource redis;

    @Test
    void slowRepliesAreAnsweredSuccessAndSentByKefu() throws Exception {
        FakeWechatServer wechat = endpoint.fake().orElseThrow();
        String openid = Api.unique("late");
        String xml = WechatCallbacks.text(openid, "帮助", WechatCallbacks.nextMsgId());
        busyWithAnEarlierMessage(openid);

        WechatCallbacks.postPlain(xml).then().statusCode(200).body(equalTo("success"));
        earlierMessageDone(openid);

        List<FakeWechatServer.Call> sent = awaitKefu(wechat, openid);
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).body().contains("说事"), sent.get(0).body());

        // WeChat's retry after the reply exists gets it passively; no second kefu message.
        String retry = WechatCallbacks.postPlain(xml).then().statusCode(200).extract().asString();
        assertTrue(retry.equals("success") || WechatCallbacks.tag(retry, "Content").contains("说事"), retry);
        // Whatever the retry set off has finished once the resident's lock is free again.
        Eventually.until("the retry is handled", () -> !redis.key().exists(OpenidLock.PREFIX + openid));
        assertEquals(1, kefu(wechat, openid).size());
    }

    @Test
    void aLateReplyTakesOneOfTheWindowsFiveMessages() throws Exception {
        FakeWechatServer wechat = endpoint.fake().orElseThrow();
        String openid = Api.unique("late");
        busyWithAnEarlierMessage(openid);
        WechatCallbacks.postPlain(WechatCallbacks.text(openid, "帮助", WechatCallbacks.nextMsgId()))
                .then().statusCode(200).body(equalTo("success"));
        earlierMessageDone(openid);
        assertEquals(1, awaitKefu(wechat, openid).size());

        // The push engine's customer-service channel has the rest of the window, and no more.
        for (int i = 2; i <= CustomerServiceWindow.MAX_PER_WINDOW; i++) {
            assertTrue(window.reserve(openid), "message " + i + " of the window");
        }
        assertFalse(window.reserve(openid), "WeChat would refuse a sixth (45047)");
    }

    /**
     * The bot is still on the resident's previous message (it holds the per-openid lock) until the test says it is
     * done, so this reply cannot be ready within the deadline however fast or slow the machine is.
     */
    private void busyWithAnEarlierMessage(String openid) {
        redis.value(String.class).set(OpenidLock.PREFIX + openid, "earlier-message", new SetArgs().px(10_000));
    }

    /** The earlier message is handled: its lock goes and the waiting reply can be made (and sent by kefu). */
    private void earlierMessageDone(String openid) {
        redis.key().del(OpenidLock.PREFIX + openid);
    }

    private static List<FakeWechatServer.Call> awaitKefu(FakeWechatServer wechat, String openid) {
        Eventually.until("a kefu message reached " + openid, Duration.ofSeconds(10),
                () -> !kefu(wechat, openid).isEmpty());
        return kefu(wechat, openid);
    }

    private static List<FakeWechatServer.Call> kefu(FakeWechatServer wechat, String openid) {
        return wechat.callsFor(openid).stream()
                .filter(c -> c.path().equals(WechatPaths.KEFU_SEND) && c.errcode() == 0).toList();
    }
}
