package org.linli.thread;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deadlines of a thread (响应 = accept, 办结 = resolve) from {@code linli.thread.sla}: per category and urgency,
 * in calendar hours/days or working days of the {@link HolidayCalendar}.
 */
@Singleton
class SlaClock {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ThreadConfig.Sla sla;
    private final HolidayCalendar calendar;

    SlaClock(ThreadConfig config) {
        this.sla = config.sla();
        this.calendar = HolidayCalendar.load(config.holidayFile());
        // Fail at start on a typo rather than on the first thread.
        for (String d : new String[]{sla.acceptNormal(), sla.acceptUrgent(), sla.resolveNormal(), sla.resolveUrgent(),
                sla.resolveComplex()}) {
            due(OffsetDateTime.now(ZONE), d);
        }
    }

    OffsetDateTime acceptDue(String category, boolean urgent, OffsetDateTime from) {
        return due(from, pick(category, urgent ? ThreadConfig.Sla.Override::acceptUrgent
                : ThreadConfig.Sla.Override::acceptNormal, urgent ? sla.acceptUrgent() : sla.acceptNormal()));
    }

    OffsetDateTime resolveDue(String category, boolean urgent, boolean complex, OffsetDateTime from) {
        if (complex) {
            return due(from, pick(category, ThreadConfig.Sla.Override::resolveComplex, sla.resolveComplex()));
        }
        return due(from, pick(category, urgent ? ThreadConfig.Sla.Override::resolveUrgent
                : ThreadConfig.Sla.Override::resolveNormal, urgent ? sla.resolveUrgent() : sla.resolveNormal()));
    }

    private String pick(String category, Function<ThreadConfig.Sla.Override, Optional<String>> field, String fallback) {
        ThreadConfig.Sla.Override own = category == null ? null : sla.categories().get(category);
        return own == null ? fallback : field.apply(own).orElse(fallback);
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
