package org.linli.notice;

import org.linli.common.ClockProducer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The application's Clock bean when there is one, else the system clock in community time. */
@Singleton
class NoticeClock {

    static final ZoneId COMMUNITY_ZONE = ClockProducer.COMMUNITY_ZONE;

    private final Clock clock;

    NoticeClock(Instance<Clock> clock) {
        this.clock = clock.isResolvable() ? clock.get() : Clock.system(COMMUNITY_ZONE);
    }

    /** Now, to the microsecond PostgreSQL keeps, so a stored time compares equal to the one we hold. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant as residents and staff read it: Beijing time, whatever zone the JVM or the driver used. */
    static OffsetDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(COMMUNITY_ZONE).toOffsetDateTime();
    }
}
