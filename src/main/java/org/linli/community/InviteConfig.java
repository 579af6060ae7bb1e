package org.linli.community;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "linli.invite")
public interface InviteConfig {

    /** How long a printed invite code can be redeemed. */
    @WithDefault("P30D")
    Duration validity();

    Guesses guesses();

    /** Redeem attempts (right or wrong codes) allowed per window; beyond them 429 INVITE_THROTTLED. */
    interface Guesses {
        @WithDefault("10")
        int perResident();

        @WithDefault("60")
        int perIp();

        @WithDefault("PT15M")
        Duration window();
    }
}
