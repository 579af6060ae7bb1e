package org.linli.common;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Scripts run by SHA and fall back to EVAL when Redis has not (or no longer has) them cached. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class RedisScriptTest {

    @Inject
    ReactiveRedisDataSource reactive;
    @Inject
    RedisDataSource redis;

    @Test
    void runsWhetherOrNotRedisHasTheScriptCached() {
        // Unique text, so Redis cannot know it yet.
        RedisScript script = new RedisScript("-- " + UUID.randomUUID() + "\n"
                + "return redis.call('INCRBY', KEYS[1], ARGV[1])");
        String key = "linli:test:script:" + UUID.randomUUID();

        assertEquals(2L, run(script, key, "2"));
        assertEquals(5L, run(script, key, "3"));
        redis.execute("SCRIPT", "FLUSH");
        assertEquals(6L, run(script, key, "1"));
        redis.key().del(key);
    }

    @Test
    void nilAnswersArriveAsNull() {
        RedisScript script = new RedisScript("return redis.call('GET', KEYS[1])");
        assertNull(script.run(reactive, List.of("linli:test:absent:" + UUID.randomUUID()), List.of())
                .await().atMost(Duration.ofSeconds(5)));
    }

    private long run(RedisScript script, String key, String by) {
        return script.run(reactive, List.of(key), List.of(by)).await().atMost(Duration.ofSeconds(5)).toLong();
    }
}
