package org.linli.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application Clock in tests: the system clock in Asia/Shanghai, moved forward by {@link #advance} (and back by
 * {@link #reset}), so scheduled work can be driven without sleeping. Unmoved it behaves as the production clock.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
