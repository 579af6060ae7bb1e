package org.linli.thread;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The deadlines of a thread (响应 = accept, 办结 = resolve) from the community's {@link ThreadRules}: per category
 * and urgency, in calendar hours/days or working days of the {@link HolidayCalendar}.
 */
@Singleton
class SlaClock {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The configured calendar (linli.thread.holiday-file or the packaged one), before any upload. */
    private final HolidayCalendar base;
    /** base with the uploaded calendars over it ({@link HolidayUploads}). */
    private volatile HolidayCalendar calendar;

    SlaClock(ThreadConfig config) {
        this.base = HolidayCalendar.load(config.holidayFile());
        this.calendar = base;
    }

    HolidayCalendar base() {
        return base;
    }

    void use(HolidayCalendar calendar) {
        this.calendar = calendar;
    }

    OffsetDateTime acceptDue(ThreadRules rules, String category, boolean urgent, OffsetDateTime from) {
        return due(from, rules.acceptWithin(category, urgent));
    }

    OffsetDateTime resolveDue(ThreadRules rules, String category, boolean urgent, boolean complex,
                              OffsetDateTime from) {
        return due(from, rules.resolveWithin(category, urgent, complex));
    }

    /** {@code 2h}, {@code 7d} (calendar) or {@code 5wd} (working days: the same time of day on that working day). */
    OffsetDateTime due(OffsetDateTime from, String duration) {
        String d = duration.strip().toLowerCase();
        try {
            if (d.endsWith("wd")) {
                ZonedDateTime local = from.atZoneSameInstant(ZONE);
                int days = Integer.parseInt(d.substring(0, d.length() - 2));
                return local.with(calendar.plusWorkingDays(local.toLocalDate(), days)).toOffsetDateTime();
            }
            if (d.endsWith("h")) {
                return from.plus(Duration.ofHours(Long.parseLong(d.substring(0, d.length() - 1))));
            }
            if (d.endsWith("d")) {
                return from.atZoneSameInstant(ZONE).plusDays(Long.parseLong(d.substring(0, d.length() - 1)))
                        .toOffsetDateTime();
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalStateException("linli.thread.sla: '" + duration + "' is not like 2h, 7d or 5wd");
    }

    HolidayCalendar calendar() {
        return calendar;
    }
}
