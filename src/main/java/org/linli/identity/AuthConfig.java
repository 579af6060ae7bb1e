package org.linli.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "linli.auth")
public interface AuthConfig {

    /** How long a login token stays valid without use. */
    @WithDefault("PT12H")
    Duration sessionTtl();

    /** How long a login token lives at most, however often it is used. */
    @WithDefault("P7D")
    Duration sessionMaxAge();

    /** Wrong passwords in a row before a staff account is locked. */
    @WithDefault("5")
    int maxFailures();

    @WithDefault("PT15M")
    Duration lockDuration();
}
