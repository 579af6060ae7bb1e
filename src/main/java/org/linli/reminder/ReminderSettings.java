package org.linli.reminder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;
import org.linli.notice.NoticeCategory;
import org.linli.notice.NoticeMutes;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.linli.reminder.ReminderService.join;
import static org.linli.reminder.ReminderService.utc;

/**
 * A resident's rules for reminders: kinds muted (custom and meeting reminders; never a poll's closing reminder,
 * which concerns a vote they may cast), notice categories muted (activity notices only: pushed no more, still
 * listed), personal quiet hours (default 22:00–07:00; urgent reminders ignore them) and an optional daily digest
 * time, from which non-urgent reminders come as one push a day.
 */
@ApplicationScoped
public class ReminderSettings implements NoticeMutes {

    /**
     * As the API shows and takes them: times as HH:mm; equal quiet start and end mean no quiet hours;
     * {@code mutedNotices} null on a change keeps the notice categories muted so far.
     */
    public record Settings(List<ReminderKind> muted, List<NoticeCategory> mutedNotices, String quietStart,
                           String quietEnd, String digestAt, List<ReminderKind> mutable,
                           List<NoticeCategory> mutableNotices) {

        /** The same settings with other reminder kinds muted. */
        public Settings withMuted(Collection<ReminderKind> kinds, Collection<NoticeCategory> notices) {
            return new Settings(List.copyOf(kinds), List.copyOf(notices), quietStart, quietEnd, digestAt, mutable,
                    mutableNotices);
        }

        public Settings withTimes(String quietStart, String quietEnd, String digestAt) {
            return new Settings(muted, mutedNotices, quietStart, quietEnd, digestAt, mutable, mutableNotices);
        }
    }

    record Rules(Set<ReminderKind> muted, LocalTime quietStart, LocalTime quietEnd, LocalTime digestAt) {

        static Rules defaults(ReminderConfig config) {
            return new Rules(Set.of(), config.quietStart(), config.quietEnd(), null);
        }
    }

    static final String SELECT = "select resident_id, array_to_string(muted, ','), to_char(quiet_start, 'HH24:MI'),"
            + " to_char(quiet_end, 'HH24:MI'), to_char(digest_at, 'HH24:MI'), array_to_string(muted_notices, ',')"
            + " from reminder_setting";
    private static final List<ReminderKind> MUTABLE = EnumSet.allOf(ReminderKind.class).stream()
            .filter(ReminderKind::mutable).toList();
    private static final List<NoticeCategory> MUTABLE_NOTICES = Arrays.stream(NoticeCategory.values())
            .filter(NoticeCategory::mutable).toList();

    private final ReminderConfig config;
    private final Clock clock;

    ReminderSettings(ReminderConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Uni<Settings> of(long residentId) {
        return Panache.withSession(() -> NativeSql.of(SELECT + " where resident_id = :resident")
                .param("resident", residentId).rows()
                .map(rows -> rows.isEmpty() ? view(Rules.defaults(config), List.of())
                        : view(rules(rows.get(0), config), notices((String) rows.get(0)[5]))));
    }

    @Override
    public Uni<Set<Long>> muting(NoticeCategory category, Collection<Long> residentIds) {
        return NativeSql.of("select resident_id from reminder_setting where :category = any(muted_notices)"
                        + " and resident_id = any(string_to_array(:ids, ',')::bigint[])")
                .param("category", category.name()).param("ids", join(List.copyOf(residentIds))).column()
                .map(ids -> ids.stream().map(NativeSql::id).collect(Collectors.toSet()));
    }

    public Uni<Settings> change(long residentId, Settings wanted) {
        Set<ReminderKind> muted = mutes(wanted.muted(), EnumSet.noneOf(ReminderKind.class), ReminderKind::mutable,
                "静音类别不能为空", kind -> Problem.badRequest("REMINDER_MUTE_NOT_ALLOWED"));
        Set<NoticeCategory> notices = mutes(wanted.mutedNotices(), EnumSet.noneOf(NoticeCategory.class),
                NoticeCategory::mutable, "静音的通知类别不能为空",
                category -> Problem.badRequest("NOTICE_MUTE_NOT_ALLOWED", category.label()));
        LocalTime start = time(wanted.quietStart(), config.quietStart(), "免打扰开始时间");
        LocalTime end = time(wanted.quietEnd(), config.quietEnd(), "免打扰结束时间");
        LocalTime digest = wanted.digestAt() == null || wanted.digestAt().isBlank() ? null
                : time(wanted.digestAt(), null, "每日汇总时间");
        boolean keepNotices = wanted.mutedNotices() == null;
        return Panache.withTransaction(() -> NativeSql.of("insert into reminder_setting (resident_id, muted,"
                        + " muted_notices, quiet_start, quiet_end, digest_at, updated_at) values (:resident,"
                        + " string_to_array(:muted, ',')::varchar[], string_to_array(:notices, ',')::varchar[],"
                        + " :start, :end, :digest, :now) on conflict (resident_id) do update set muted = excluded.muted,"
                        + " muted_notices = case when :keep then reminder_setting.muted_notices"
                        + " else excluded.muted_notices end,"
                        + " quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,"
                        + " digest_at = excluded.digest_at, updated_at = excluded.updated_at")
                .param("resident", residentId).param("muted", join(List.copyOf(muted)))
                .param("notices", join(List.copyOf(notices))).param("keep", keepNotices)
                .param("start", start).param("end", end)
                .param("digest", digest).param("now", utc(clock.instant()))
                .update())
                .chain(() -> of(residentId));
    }

    /** The wanted mutes in {@code into}; 400 for a null one or one that may not be muted. */
    private static <T> Set<T> mutes(List<T> wanted, Set<T> into, Predicate<T> mutable, String nullReason,
                                    Function<T, Problem> refused) {
        for (T item : wanted == null ? List.<T>of() : wanted) {
            if (item == null) {
                throw Problem.badRequest("REMINDER_SETTING_INVALID", nullReason);
            }
            if (!mutable.test(item)) {
                throw refused.apply(item);
            }
            into.add(item);
        }
        return into;
    }

    static Rules rules(Object[] r, ReminderConfig config) {
        Set<ReminderKind> muted = EnumSet.noneOf(ReminderKind.class);
        ReminderService.split((String) r[1]).forEach(k -> muted.add(ReminderKind.valueOf(k)));
        LocalTime start = stored(r[2]);
        LocalTime end = stored(r[3]);
        return new Rules(muted, start == null ? config.quietStart() : start, end == null ? config.quietEnd() : end,
                stored(r[4]));
    }

    private static Settings view(Rules rules, List<NoticeCategory> mutedNotices) {
        return new Settings(rules.muted().stream().sorted().toList(), mutedNotices, rules.quietStart().toString(),
                rules.quietEnd().toString(), rules.digestAt() == null ? null : rules.digestAt().toString(), MUTABLE,
                MUTABLE_NOTICES);
    }

    private static List<NoticeCategory> notices(String stored) {
        return ReminderService.split(stored).stream().map(NoticeCategory::valueOf).sorted().toList();
    }

    /** A time column, read as HH:mm text (to_char), so no driver type is involved. */
    private static LocalTime stored(Object value) {
        return value == null ? null : LocalTime.parse((String) value);
    }

    private static LocalTime time(String text, LocalTime fallback, String what) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw Problem.badRequest("REMINDER_SETTING_INVALID", what + "需为 HH:mm");
            }
            return fallback;
        }
        try {
            LocalTime t = LocalTime.parse(text.strip());
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw new DateTimeParseException("seconds", text, 0);
            }
            return t;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("REMINDER_SETTING_INVALID", what + "需为 HH:mm，例如 22:00");
        }
    }
}
