package org.linli.meeting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** linli.meeting.*: how long a meeting without an end time is taken to last, and the check-in window. */
@ConfigMapping(prefix = "linli.meeting")
public interface MeetingConfig {

    /** A meeting without endsAt is taken to end this long after it starts. */
    @WithDefault("PT2H")
    Duration defaultDuration();

    /** Check-in (QR code or by hand) opens this long before the start. */
    @WithDefault("PT1H")
    Duration checkInOpensBefore();

    /** Check-in stays open, and the QR code valid, this long after the end. */
    @WithDefault("PT3H")
    Duration checkInGrace();
}
