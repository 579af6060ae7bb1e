package org.linli.poll;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Now from the application's Clock, to the microsecond PostgreSQL keeps, in community time. */
@Singleton
class PollClock {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock;

    PollClock(Clock clock) {
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS).atZoneSameInstant(ZONE).toOffsetDateTime();
    }
}
