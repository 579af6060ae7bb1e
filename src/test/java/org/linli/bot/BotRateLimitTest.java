package org.linli.bot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.Eventually;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.Says.says;

/** Over the limit: one polite reply, then silence until the window passes; other residents are unaffected. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@TestProfile(BotRateLimitTest.SmallLimit.class)
class BotRateLimitTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.bot.rate-limit.messages", "3", "linli.bot.rate-limit.window", "PT2S");
        }
    }

    @Inject
    BotWorld world;
    @Inject
    RedisDataSource redis;

    @Test
    void overTheLimitOnePoliteReplyThenSilenceUntilTheWindowPasses() throws InterruptedException {
        String openid = newOpenid();
        String neighbour = newOpenid();
        for (int i = 0; i < 3; i++) {
            says(world.say(openid, "帮助"), "说事");
        }
        says(world.say(openid, "帮助"), "有点快", "稍等");
        assertEquals(Reply.NONE, world.say(openid, "帮助"));
        assertEquals(Reply.NONE, world.say(openid, "说事"));
        says(world.say(neighbour, "帮助"), "说事");

        // The window is over when its counter has expired in Redis: wait for that, not for a guessed time.
        Eventually.until("the window's counter expired", () -> !redis.key().exists(RateLimiter.key(openid)));
        says(world.say(openid, "帮助"), "说事");
    }

    @Test
    void theGatewayCountsInItsAdmissionScriptWithTheSameRules() {
        String openid = newOpenid();
        for (int i = 0; i < 3; i++) {
            says(viaCallback(openid, "帮助"), "说事");
        }
        says(viaCallback(openid, "帮助"), "有点快", "稍等");
        assertEquals(Reply.NONE, viaCallback(openid, "帮助"));
        assertEquals(Reply.NONE, viaCallback(openid, "说事"));
        // Unsubscribing is not counted and still forgets the conversation.
        assertEquals(Reply.NONE, viaCallback(openid, null));
        assertEquals("6", redis.value(String.class).get(RateLimiter.key(openid)));
        says(viaCallback(newOpenid(), "帮助"), "说事");
    }

    private static Reply viaCallback(String openid, String text) {
        IncomingMessage message = text == null ? BotWorld.event(openid, IncomingMessage.Kind.UNSUBSCRIBE, null)
                : IncomingMessage.text(openid, text);
        return WechatCallbacks.exchange(message, false);
    }
}
