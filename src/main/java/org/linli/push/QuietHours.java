package org.linli.push;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The nightly window in which normal pushes wait (urgent ones do not), in community time. A window may cross
 * midnight (22:00–07:00) or not (12:00–14:00); start == end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    static QuietHours of(PushConfig.QuietHours config) {
        return new QuietHours(config.start(), config.end(), ZoneId.of(config.zone()));
    }

    /** When a push due at {@code due} may go out: {@code due} itself, or the end of the quiet hours it falls in. */
    public Instant schedule(Instant due, boolean urgent) {
        return urgent || !contains(due) ? due : endOf(due);
    }

    public boolean contains(Instant instant) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime t = instant.atZone(zone).toLocalTime();
        return crossesMidnight()
                ? !t.isBefore(start) || t.isBefore(end)
                : !t.isBefore(start) && t.isBefore(end);
    }

    /** The end of the quiet hours {@code instant} falls in (call only when {@link #contains} is true). */
    Instant endOf(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (crossesMidnight() && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    private boolean crossesMidnight() {
        return start.isAfter(end);
    }
}
