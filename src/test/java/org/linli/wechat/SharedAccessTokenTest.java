package org.linli.wechat;

import org.linli.wechat.fake.FakeWechat;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several replicas share one access token through Redis: two independent WxJava services (as on two pods)
 * fetching at once end up using one token, fetched through stable_token (which never invalidates a token that
 * another replica still holds).
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class SharedAccessTokenTest {

    @Inject
    WechatClients clients;
    @Inject
    WechatConfig config;
    @Inject
    RedisDataSource redis;
    @Inject
    FakeWechat fakeWechat;
    @Inject
    WechatEndpoint endpoint;

    @Test
    void twoReplicasRefreshTheTokenOnce() throws Exception {
        FakeWechatServer fake = fakeWechat.fake().orElseThrow();
        fake.reset();
        redis.key().del("linli:wx:access_token:" + config.mp().appId());
        WxMpService podA = clients.officialAccount(config, redis, endpoint);
        WxMpService podB = clients.officialAccount(config, redis, endpoint);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                WxMpService pod = i % 2 == 0 ? podA : podB;
                tokens.add(pool.submit(() -> pod.getAccessToken()));
            }
            String first = tokens.get(0).get();
            for (Future<String> t : tokens) {
                assertEquals(first, t.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Fetched once, or at most once more by a replica that raced the lock; either way the same stable token.
        assertTrue(fake.calls(WechatPaths.STABLE_TOKEN).size() <= 2, fake.calls(WechatPaths.STABLE_TOKEN).toString());
        assertEquals(0, fake.calls(WechatPaths.TOKEN).size());
    }
}
