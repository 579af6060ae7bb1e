package org.linli.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code linli.console.*}: the staff console's cookie session. */
@ConfigMapping(prefix = "linli.console")
public interface ConsoleConfig {

    /** Idle time after which a console session ends (sliding, like the API's). */
    @WithDefault("PT8H")
    Duration sessionTtl();

    /** The Secure flag on the session cookie; on in prod, where the console is served over HTTPS only. */
    @WithDefault("false")
    boolean secureCookie();
}
