package org.linli.reminder;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.linli.common.Problem;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A custom reminder's recurrence: a five-field Unix cron expression (minute hour day-of-month month day-of-week,
 * e.g. {@code 0 8 * * 1} every Monday 08:00), read by cron-utils and evaluated in community time.
 */
final class Schedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime execution;
    private final ZoneId zone;

    private Schedule(Cron cron, ZoneId zone) {
        this.execution = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    /** 400 REMINDER_CRON_INVALID, with the parser's account of what is wrong, for anything else. */
    static Schedule parse(String expression, ZoneId zone) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty() || text.length() > 120) {
            throw Problem.badRequest("REMINDER_CRON_INVALID", "需要 5 个字段：分 时 日 月 周");
        }
        try {
            Cron cron = PARSER.parse(text);
            cron.validate();
            return new Schedule(cron, zone);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("REMINDER_CRON_INVALID", String.valueOf(e.getMessage()));
        }
    }

    /** The first time strictly after {@code after}; empty when the expression never fires again (e.g. 30 Feb). */
    Optional<Instant> next(Instant after) {
        return execution.nextExecution(after.atZone(zone)).map(t -> t.toInstant());
    }
}
