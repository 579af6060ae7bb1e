package org.linli.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linli.console.*}: the staff console's cookies. Session lifetimes are the API's ({@code linli.auth.*}). */
@ConfigMapping(prefix = "linli.console")
public interface ConsoleConfig {

    /** The Secure flag on the console's cookies; on in prod, where the console is served over HTTPS only. */
    @WithDefault("false")
    boolean secureCookie();
}
