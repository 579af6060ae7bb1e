package org.linli.wechat.push;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.inject.Singleton;
import org.linli.push.Channel;

import java.time.Duration;

/**
 * Users a channel is known to be closed for (43004 not following, 40003 bad openid), remembered for a day in Redis
 * ({@code linli:wx:push-closed:<CHANNEL>:<openid>}) so the next pushes do not spend a call finding out again.
 * Blocking: used on the push send pool only.
 */
@Singleton
class ClosedUsers {

    static final String PREFIX = "linli:wx:push-closed:";
    static final Duration MEMORY = Duration.ofDays(1);

    private final ValueCommands<String, String> values;

    ClosedUsers(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    boolean isClosed(Channel channel, String openid) {
        return values.get(key(channel, openid)) != null;
    }

    void close(Channel channel, String openid, int errcode) {
        values.setex(key(channel, openid), MEMORY.toSeconds(), String.valueOf(errcode));
    }

    private static String key(Channel channel, String openid) {
        return PREFIX + channel + ":" + openid;
    }
}
