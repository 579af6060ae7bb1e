package org.linli.community;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "linli.invite")
public interface InviteConfig {

    /** How long a printed invite code can be redeemed. */
    @WithDefault("P30D")
    Duration validity();
}
