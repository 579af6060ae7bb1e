package org.linli.poll;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** linli.poll.*: default periods and the configurable resident/household ratios. */
@ConfigMapping(prefix = "linli.poll")
public interface PollConfig {

    /** 公告期 for owners' polls (Beijing's and Hangzhou's rules: 15 days). */
    @WithDefault("15")
    int noticeDays();

    /** 公示期 after publication, then ARCHIVED. */
    @WithDefault("3")
    int publicityDays();

    /** How often the scheduled pass opens, closes and archives due polls. */
    @WithDefault("10s")
    String scheduleEvery();

    /** How long a live tally stays cached in Redis. */
    @WithDefault("PT3S")
    Duration liveCacheTtl();

    Ratios perResident();

    Ratios perHousehold();

    interface Ratios {
        /** 城市居民委员会组织法 (2018) arts. 9–10: more than half attend. */
        @WithDefault(">1/2")
        String quorum();

        /** More than half of those present agree. */
        @WithDefault(">1/2")
        String pass();
    }
}
