package org.linli.thread;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Working days follow the State Council's 2026 schedule, not Monday to Friday. */
class HolidayCalendarTest {

    private final HolidayCalendar calendar = HolidayCalendar.load(Optional.empty());

    @Test
    void the2026ScheduleWithItsWorkedWeekends() {
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 1, 1)));   // 元旦, Thursday
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 1, 2)));   // Friday, off
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 1, 4)));    // Sunday, worked
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 14)));   // Saturday, worked
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 2, 16)));  // 春节, Monday
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 2, 23)));  // 春节, Monday
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 28)));   // Saturday, worked
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 9, 20)));   // Sunday, worked
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 7)));  // 国庆
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 10, 10)));  // Saturday, worked
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 11, 28))); // ordinary Saturday
    }

    @Test
    void workingDaysSkipTheSpringFestival() {
        // Friday 13 Feb + 1 working day = Saturday 14 Feb (调休); + 2 = Tuesday 24 Feb (15–23 off).
        assertEquals(LocalDate.of(2026, 2, 14), calendar.plusWorkingDays(LocalDate.of(2026, 2, 13), 1));
        assertEquals(LocalDate.of(2026, 2, 24), calendar.plusWorkingDays(LocalDate.of(2026, 2, 13), 2));
        // 5 working days from Wednesday 30 Sep: 8, 9, 10 (Sat, worked), 12, 13 Oct.
        assertEquals(LocalDate.of(2026, 10, 13), calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 5));
    }

    @Test
    void anOperatorsFileIsReadAndABadLineRefused() throws Exception {
        HolidayCalendar c = HolidayCalendar.parse(new ByteArrayInputStream(
                "# test\n2026-02-16 off 春节\n".getBytes(StandardCharsets.UTF_8)), "test");
        assertFalse(c.isWorkingDay(LocalDate.of(2026, 2, 16)));
        assertTrue(c.isWorkingDay(LocalDate.of(2026, 2, 17)));
        assertThrows(IllegalStateException.class, () -> HolidayCalendar.parse(new ByteArrayInputStream(
                "2026-02-16 holiday\n".getBytes(StandardCharsets.UTF_8)), "bad"));
    }
}
