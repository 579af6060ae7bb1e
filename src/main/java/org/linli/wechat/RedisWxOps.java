package org.linli.wechat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ValueCommands;
import me.chanjar.weixin.common.redis.WxRedisOps;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * WxJava's token storage on the Quarkus Redis client, so every replica shares one access token and one refresh
 * lock (WxJava's in-JVM lock would let each replica refresh, invalidating the others' tokens). Called only from
 * WxJava, which runs on worker threads, so the blocking API is right here.
 */
class RedisWxOps implements WxRedisOps {

    private static final String UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final Duration LOCK_LEASE = Duration.ofSeconds(10);

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;

    RedisWxOps(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    @Override
    public String getValue(String key) {
        return values.get(key);
    }

    @Override
    public void setValue(String key, String value, int expire, TimeUnit unit) {
        if (expire <= 0) {
            values.set(key, value);
        } else {
            values.psetex(key, unit.toMillis(expire), value);
        }
    }

    @Override
    public Long getExpire(String key) {
        try {
            return keys.ttl(key);
        } catch (RedisKeyNotFoundException e) {
            return null;
        }
    }

    @Override
    public void expire(String key, int expire, TimeUnit unit) {
        if (expire <= 0) {
            keys.del(key);
        } else {
            keys.pexpire(key, unit.toMillis(expire));
        }
    }

    @Override
    public Lock getLock(String key) {
        return new RedisLock(key);
    }

    /** A lease lock: SET NX PX with an owner token, released only by its owner. */
    private final class RedisLock implements Lock {
        private final String key;
        private final ThreadLocal<String> owner = new ThreadLocal<>();

        RedisLock(String key) {
            this.key = key;
        }

        @Override
        public boolean tryLock() {
            String token = UUID.randomUUID().toString();
            boolean acquired = redis.execute("SET", key, token, "NX", "PX", String.valueOf(LOCK_LEASE.toMillis())) != null;
            if (acquired) {
                owner.set(token);
            }
            return acquired;
        }

        /**
         * WxJava calls this in a loop that re-checks the token before each attempt, but not after acquiring.
         * So when another replica holds the lock we wait for it to finish and answer false: WxJava then finds
         * the fresh token instead of fetching (and paying quota for) a second one.
         */
        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            if (tryLock()) {
                return true;
            }
            long deadline = System.nanoTime() + unit.toNanos(time);
            while (System.nanoTime() < deadline && values.get(key) != null) {
                Thread.sleep(10);
            }
            return false;
        }

        @Override
        public void lock() {
            try {
                lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            while (!tryLock(1, TimeUnit.SECONDS)) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void unlock() {
            String token = owner.get();
            if (token != null) {
                redis.execute("EVAL", UNLOCK, "1", key, token);
                owner.remove();
            }
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("Redis locks have no conditions");
        }
    }
}
