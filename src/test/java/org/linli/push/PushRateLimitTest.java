package org.linli.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token buckets in Redis hold the rate across replicas (two limiters here, as two replicas would have). */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushRateLimitTest {

    @Inject
    PushWorld world;

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void setUp() {
        world.reset();
    }

    private static Uni<Void> take(RateLimiter limiter, Channel channel, int permits) {
        return Multi.createFrom().range(0, permits)
                .onItem().transformToUni(i -> limiter.acquire(channel)).merge(permits)
                .collect().last().replaceWithVoid();
    }

    @Test
    void twoReplicasShareTheGlobalRate() {
        RateLimiter a = new RateLimiter(redis, 20, Map.of());
        RateLimiter b = new RateLimiter(redis, 20, Map.of());
        long started = System.nanoTime();
        CompletableFuture<Void> first = take(a, Channel.MP_TEMPLATE, 40).subscribeAsCompletionStage();
        CompletableFuture<Void> second = take(b, Channel.MINI_SUBSCRIBE, 40).subscribeAsCompletionStage();
        first.join();
        second.join();
        double seconds = (System.nanoTime() - started) / 1e9;
        // 80 sends at 20/s with a burst of 20: at least 3 s, whichever replica and channel asks.
        assertTrue(seconds >= 2.8 && seconds < 10, "took " + seconds + " s");
    }

    @Test
    void aChannelRateHoldsBelowTheGlobalOne() {
        RateLimiter limiter = new RateLimiter(redis, 1_000, Map.of(Channel.MP_KEFU, 10));
        long started = System.nanoTime();
        take(limiter, Channel.MP_KEFU, 30).await().atMost(Duration.ofSeconds(20));
        double kefu = (System.nanoTime() - started) / 1e9;
        assertTrue(kefu >= 1.8, "30 kefu sends at 10/s with a burst of 10 take 2 s, took " + kefu);

        started = System.nanoTime();
        take(limiter, Channel.MP_TEMPLATE, 300).await().atMost(Duration.ofSeconds(20));
        double template = (System.nanoTime() - started) / 1e9;
        assertTrue(template < 1.5, "the template channel is not held back by kefu, took " + template);
    }
}
