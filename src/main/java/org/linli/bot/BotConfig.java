package org.linli.bot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "linli.bot")
public interface BotConfig {

    /** Directory of texts.yaml, menu.yaml and flows/ (relative to the working directory); when it does not
     * exist, the copy packaged in the application is used. */
    @WithDefault("bot-scripts")
    String scriptsDir();

    /** Re-read the scripts when their files change (checked at most once a second, on messages). Unset: on in
     * dev mode only. */
    Optional<Boolean> reload();

    /** A conversation left idle this long is forgotten (Redis TTL). */
    @WithDefault("PT30M")
    Duration conversationTtl();

    Lock lock();

    RateLimit rateLimit();

    interface Lock {
        /** How long one message may hold its resident's conversation. */
        @WithDefault("PT10S")
        Duration ttl();

        /** How long a message waits for the previous one of the same resident before answering "busy". */
        @WithDefault("PT3S")
        Duration maxWait();
    }

    interface RateLimit {
        /** Messages one openid may send per window; one polite reply after that, then silence. */
        @WithDefault("20")
        int messages();

        @WithDefault("PT60S")
        Duration window();
    }
}
