package org.linli.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/** One injectable clock in community time, so deadlines, windows and quiet hours can be tested at any instant. */
public class ClockProducer {

    public static final ZoneId COMMUNITY_ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.system(COMMUNITY_ZONE);
    }
}
