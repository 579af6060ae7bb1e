package org.linli.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** {@code linli.reminder.*}: the firing pass, poll-closing leads, catch-up after downtime, residents' defaults. */
@ConfigMapping(prefix = "linli.reminder")
public interface ReminderConfig {

    /** How often each replica runs the pass ({@code off} in tests, which drive it). */
    @WithDefault("15s")
    String every();

    /** How long a claim on an occurrence lasts; a replica that dies loses it then. */
    @WithDefault("PT2M")
    Duration lease();

    /** Occurrences claimed per round of a pass. */
    @WithDefault("200")
    int batch();

    /** Before a poll's close: the default leads of its closing reminders. */
    @WithDefault("PT24H,PT2H")
    List<Duration> pollLeads();

    /** Before a meeting's start: when its invitees who have not declined are reminded. */
    @WithDefault("PT24H,PT1H")
    List<Duration> meetingLeads();

    /** A custom reminder found later than this after its time (all replicas were down) is skipped, not sent late. */
    @WithDefault("PT6H")
    Duration catchUp();

    /** A thread's clock: the assignee is alerted this long before it runs out, at its end, then daily. */
    @WithDefault("PT2H")
    Duration threadClockNear();

    /** A thread this long past its clock is escalated to the committee (one alert each). */
    @WithDefault("P2D")
    Duration threadEscalateAfter();

    /** A resolved thread not rated by its raiser this long after resolution gets one 请评价 reminder. */
    @WithDefault("P3D")
    Duration ratingAfter();

    /** Residents' quiet hours until they choose their own (urgent reminders ignore them). */
    @WithDefault("22:00")
    LocalTime quietStart();

    @WithDefault("07:00")
    LocalTime quietEnd();
}
