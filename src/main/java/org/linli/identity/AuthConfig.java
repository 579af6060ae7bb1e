package org.linli.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "linli.auth")
public interface AuthConfig {

    /** How long a login token stays valid without use. */
    @WithDefault("PT12H")
    Duration sessionTtl();

    /** Wrong passwords in a row before a staff account is locked. */
    @WithDefault("5")
    int maxFailures();

    @WithDefault("PT15M")
    Duration lockDuration();

    /** Threads that check passwords (bcrypt); a flood of logins cannot take more CPU than this. */
    @WithDefault("1")
    int hashThreads();

    /** Password checks waiting for a thread; beyond it a login answers 429 LOGIN_BUSY with Retry-After. */
    @WithDefault("16")
    int hashQueue();
}
