package org.linli.common;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * When reminders go out before an event (a poll's close, a meeting's start): 1 to 5 times, each 5 minutes to
 * 14 days before. Polls keep them on their reminder, meetings on the meeting; both check them here.
 */
public final class ReminderLeads {

    static final Duration SHORTEST = Duration.ofMinutes(5);
    static final Duration LONGEST = Duration.ofDays(14);
    static final int MOST = 5;

    private ReminderLeads() {
    }

    /** As minutes before, distinct, earliest reminder first, comma-separated; 400 REMINDER_LEADS_INVALID else. */
    public static String minutes(List<Duration> leads) {
        if (leads == null || leads.isEmpty() || leads.size() > MOST || leads.stream().anyMatch(l -> l == null
                || l.compareTo(SHORTEST) < 0 || l.compareTo(LONGEST) > 0)) {
            throw Problem.badRequest("REMINDER_LEADS_INVALID");
        }
        return leads.stream().map(Duration::toMinutes).distinct().sorted(Comparator.reverseOrder())
                .map(String::valueOf).collect(Collectors.joining(","));
    }

    /** What {@link #minutes} wrote, back as minutes; empty for none. */
    public static List<Integer> parse(String minutes) {
        return minutes.isEmpty() ? List.of() : Arrays.stream(minutes.split(",")).map(Integer::valueOf).toList();
    }
}
