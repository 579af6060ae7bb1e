package org.linli.reminder;

import org.junit.jupiter.api.Test;
import org.linli.common.Problem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cron arithmetic in Asia/Shanghai around midnight and month ends. */
class ScheduleTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void midnightInShanghaiIsFourPmTheDayBeforeInUtc() {
        Schedule daily = Schedule.parse("0 0 * * *", SHANGHAI);
        assertEquals(Instant.parse("2026-12-31T16:00:00Z"), daily.next(at("2026-12-31T23:59")).orElseThrow());
    }

    @Test
    void theFirstOfTheMonthFollowsTheShortMonths() {
        Schedule monthly = Schedule.parse("30 8 1 * *", SHANGHAI);
        assertEquals(at("2027-02-01T08:30"), monthly.next(at("2027-01-31T23:30")).orElseThrow());
        assertEquals(at("2027-03-01T08:30"), monthly.next(at("2027-02-01T08:30")).orElseThrow());
    }

    @Test
    void theThirtyFirstSkipsMonthsWithoutOne() {
        Schedule last = Schedule.parse("0 9 31 * *", SHANGHAI);
        assertEquals(at("2027-03-31T09:00"), last.next(at("2027-02-01T00:00")).orElseThrow());
    }

    @Test
    void everyMondayAtEight() {
        Schedule monday = Schedule.parse("0 8 * * 1", SHANGHAI);
        assertEquals(at("2026-12-07T08:00"), monday.next(at("2026-12-03T10:00")).orElseThrow());
        assertEquals(at("2026-12-14T08:00"), monday.next(at("2026-12-07T08:00")).orElseThrow());
    }

    @Test
    void malformedExpressionsSayWhatIsWrong() {
        for (String bad : new String[]{"", "0 8 * *", "0 8 * * * *", "61 8 * * 1", "0 25 * * *", "a b c d e"}) {
            Problem p = assertThrows(Problem.class, () -> Schedule.parse(bad, SHANGHAI), bad);
            assertEquals("REMINDER_CRON_INVALID", p.code(), bad);
        }
        assertTrue(Schedule.parse("0 8 30 2 *", SHANGHAI).next(at("2026-12-03T10:00")).isEmpty());
    }
}
