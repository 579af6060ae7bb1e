package org.linli.community;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "linli.roster")
public interface RosterConfig {

    /** Data rows one roster file may have (a 3,000-household community fits many times); beyond it 413. */
    @WithDefault("20000")
    int maxRows();

    /** The longest any statement of an import (including waiting for the community lock) may take. */
    @WithDefault("PT60S")
    Duration statementTimeout();
}
