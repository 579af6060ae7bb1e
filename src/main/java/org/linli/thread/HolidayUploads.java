package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.linli.identity.Caller;

/**
 * Holiday calendars a platform admin uploads (next year's 节假日安排 as soon as the State Council publishes it), kept
 * in holiday_calendar. The calendar in force is the configured one with every upload over it, in order; it is
 * re-read at most every {@value ThreadSettings#CACHE_SECONDS} s before clocks are computed, so all replicas follow.
 */
@ApplicationScoped
public class HolidayUploads {

    static final int MAX_BYTES = 64 * 1024;

    /** The calendar in force, for the settings page. */
    public record InForce(String source, long holidays, long workedWeekendDays, List<Integer> years) {
    }

    private final SlaClock sla;
    private final Clock clock;
    private volatile Instant freshUntil = Instant.MIN;

    HolidayUploads(SlaClock sla, Clock clock) {
        this.sla = sla;
        this.clock = clock;
    }

    /** Makes the SLA clock use the uploads, re-reading them when the last read is older than the cache bound. */
    Uni<Void> fresh() {
        Instant now = clock.instant();
        if (now.isBefore(freshUntil)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> NativeSql.of("select file_name, content from holiday_calendar order by id")
                        .rows())
                .invoke(rows -> {
                    HolidayCalendar calendar = sla.base();
                    for (Object[] r : rows) {
                        calendar = calendar.overlay(parse((String) r[0], (String) r[1]));
                    }
                    sla.use(calendar);
                    freshUntil = now.plusSeconds(ThreadSettings.CACHE_SECONDS);
                })
                .replaceWithVoid();
    }

    public Uni<InForce> inForce() {
        return fresh().map(x -> {
            HolidayCalendar c = sla.calendar();
            return new InForce(c.source(), c.listed(true), c.listed(false), List.copyOf(c.years()));
        });
    }

    /**
     * Checks and stores an uploaded calendar (platform admins only: one calendar serves every community); answers
     * the calendar now in force. 400 THREAD_HOLIDAYS_INVALID names the first bad line; nothing is stored then.
     */
    public Uni<InForce> upload(Caller caller, String fileName, byte[] bytes) {
        if (!caller.isPlatformAdmin()) {
            return Uni.createFrom().failure(Problem.forbidden("THREAD_HOLIDAYS_FORBIDDEN"));
        }
        String name = fileName == null || fileName.isBlank() ? "holidays.txt"
                : fileName.strip().substring(0, Math.min(fileName.strip().length(), 200));
        String text;
        try {
            if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
                throw Problem.badRequest("THREAD_HOLIDAYS_SIZE", MAX_BYTES / 1024);
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (parse(name, text).years().isEmpty()) {
                throw Problem.badRequest("THREAD_HOLIDAYS_INVALID", "没有任何日期");
            }
        } catch (CharacterCodingException e) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_HOLIDAYS_INVALID", "不是 UTF-8 文本"));
        } catch (HolidayCalendar.BadLine e) {
            String shown = e.text.length() > 40 ? e.text.substring(0, 40) + "…" : e.text;
            return Uni.createFrom().failure(Problem.badRequest("THREAD_HOLIDAYS_INVALID",
                    "第 " + e.line + " 行“" + shown + "”"));
        } catch (Problem p) {
            return Uni.createFrom().failure(p);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> NativeSql.of("insert into holiday_calendar (file_name, content,"
                        + " uploaded_by, uploaded_by_name, uploaded_at) values (:f, :c, :by, :name,"
                        + " cast(:at as timestamptz))").param("f", name).param("c", text).param("by", caller.id())
                        .param("name", caller.name()).param("at", now).update())
                .invoke(() -> freshUntil = Instant.MIN)
                .chain(this::inForce);
    }

    private static HolidayCalendar parse(String name, String text) {
        try {
            return HolidayCalendar.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
