package org.linli.thread;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;
import org.linli.identity.Caller;
import org.linli.identity.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each community's 说事 rules ({@link ThreadRules}): read through a cache of {@value #CACHE_SECONDS} s (a change
 * made on another replica applies within that bound, on this one at once), changed by the community's ADMIN or
 * COMMITTEE with every value checked, so a typo never reaches a clock.
 */
@ApplicationScoped
public class ThreadSettings {

    static final int CACHE_SECONDS = 30;
    private static final Set<Role> MANAGE = EnumSet.of(Role.ADMIN, Role.COMMITTEE);
    static final int MAX_CATEGORIES = 20;
    static final int MAX_CATEGORY_LENGTH = 10;
    static final int MAX_WORDS = 200;
    static final int MAX_WORD_LENGTH = 20;
    static final int MAX_KEYWORDS = 50;

    /** What is stored as JSON: the rules without who changed them (keywords null in rows saved before them). */
    record Stored(List<String> categories, List<String> urgentCategories, List<ThreadViews.Clocks> clocks,
                  Map<String, List<String>> keywords, List<String> refusedWords, List<String> reviewWords) {
    }

    private record Cached(ThreadRules rules, Instant until) {
    }

    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final ThreadRules defaults;
    private final SlaClock sla;
    private final HolidayUploads holidays;
    private final ObjectMapper json;
    private final Clock clock;

    ThreadSettings(ThreadConfig config, SlaClock sla, HolidayUploads holidays, ObjectMapper json, Clock clock) {
        this.sla = sla;
        this.holidays = holidays;
        this.json = json;
        this.clock = clock;
        ThreadConfig.Sla d = config.sla();
        List<ThreadViews.Clocks> clocks = config.categories().stream().map(c -> {
            ThreadConfig.Sla.Override o = d.categories().get(c);
            return o == null ? new ThreadViews.Clocks(c, d.acceptUrgent(), d.acceptNormal(), d.resolveUrgent(),
                    d.resolveNormal(), d.resolveComplex())
                    : new ThreadViews.Clocks(c, o.acceptUrgent().orElse(d.acceptUrgent()),
                    o.acceptNormal().orElse(d.acceptNormal()), o.resolveUrgent().orElse(d.resolveUrgent()),
                    o.resolveNormal().orElse(d.resolveNormal()), o.resolveComplex().orElse(d.resolveComplex()));
        }).toList();
        this.defaults = new ThreadRules(List.copyOf(config.categories()), List.copyOf(config.urgentCategories()),
                clocks, Map.copyOf(config.keywords()), List.copyOf(config.refusedWords()), List.copyOf(config.reviewWords()), null, null);
        // Fail at start on a typo in linli.thread.sla rather than on the first thread.
        clocks.forEach(c -> checkClocks(c, OffsetDateTime.now(clock)));
    }

    /** The rules in force in the community (and the holiday calendar in force, for the clocks that follow). */
    public Uni<ThreadRules> rules(long communityId) {
        return holidays.fresh().chain(() -> cached(communityId));
    }

    private Uni<ThreadRules> cached(long communityId) {
        Instant now = clock.instant();
        Cached cached = cache.get(communityId);
        if (cached != null && now.isBefore(cached.until())) {
            return Uni.createFrom().item(cached.rules());
        }
        return Panache.withSession(() -> NativeSql.of("select rules, updated_by_name, updated_at"
                        + " from thread_settings where community_id = :c").param("c", communityId).rows())
                .map(rows -> rows.isEmpty() ? defaults : read((String) rows.get(0)[0])
                        .stamped((String) rows.get(0)[1], NativeSql.time(rows.get(0)[2])))
                .invoke(rules -> cache.put(communityId, new Cached(rules, now.plusSeconds(CACHE_SECONDS))));
    }

    /** Replaces the community's rules (its ADMIN or COMMITTEE); answers them as now in force. */
    public Uni<ThreadRules> save(long communityId, Caller caller, ThreadRules edit) {
        if (!caller.holds(communityId, MANAGE)) {
            return Uni.createFrom().failure(Problem.forbidden("THREAD_SETTINGS_FORBIDDEN"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Stored clean;
        try {
            clean = clean(edit, now);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> NativeSql.of("insert into thread_settings (community_id, rules,"
                        + " updated_by, updated_by_name, updated_at) values (:c, :rules, :by, :name,"
                        + " cast(:at as timestamptz)) on conflict (community_id) do update set rules = excluded.rules,"
                        + " version = thread_settings.version + 1, updated_by = excluded.updated_by,"
                        + " updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at")
                        .param("c", communityId).param("rules", write(clean)).param("by", caller.id())
                        .param("name", caller.name()).param("at", now).update())
                .invoke(() -> cache.remove(communityId))
                .chain(() -> rules(communityId));
    }

    /** The deployment's defaults, what a community without its own rules has. */
    public ThreadRules defaults() {
        return defaults;
    }

    private Stored clean(ThreadRules edit, OffsetDateTime now) {
        List<String> categories = words(edit.categories(), MAX_CATEGORIES, MAX_CATEGORY_LENGTH,
                "THREAD_SETTINGS_CATEGORIES");
        if (categories.isEmpty()) {
            throw Problem.badRequest("THREAD_SETTINGS_CATEGORIES", MAX_CATEGORIES, MAX_CATEGORY_LENGTH);
        }
        List<String> urgent = words(edit.urgentCategories(), MAX_CATEGORIES, MAX_CATEGORY_LENGTH,
                "THREAD_SETTINGS_CATEGORIES");
        for (String u : urgent) {
            if (!categories.contains(u)) {
                throw Problem.badRequest("THREAD_SETTINGS_URGENT_UNKNOWN", u);
            }
        }
        List<ThreadViews.Clocks> clocks = new ArrayList<>();
        for (String category : categories) {
            ThreadViews.Clocks given = edit.clocks() == null ? null : edit.clocks().stream()
                    .filter(c -> c != null && category.equals(c.category())).findFirst().orElse(null);
            ThreadViews.Clocks c = given != null ? given : defaults.clocks().stream()
                    .filter(d -> d.category().equals(category)).findFirst().orElse(rename(defaults.clocks().get(defaults.clocks().size() - 1), category));
            clocks.add(checkClocks(rename(c, category), now));
        }
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        for (String category : categories) {
            List<String> given = edit.keywords() == null ? null : edit.keywords().get(category);
            keywords.put(category, given == null ? defaults.keywordsOf(category)
                    : words(given, MAX_KEYWORDS, MAX_WORD_LENGTH, "THREAD_SETTINGS_KEYWORDS"));
        }
        return new Stored(categories, urgent, clocks, keywords,
                words(edit.refusedWords(), MAX_WORDS, MAX_WORD_LENGTH, "THREAD_SETTINGS_WORDS"),
                words(edit.reviewWords(), MAX_WORDS, MAX_WORD_LENGTH, "THREAD_SETTINGS_WORDS"));
    }

    private static ThreadViews.Clocks rename(ThreadViews.Clocks c, String category) {
        return new ThreadViews.Clocks(category, strip(c.acceptUrgent()), strip(c.acceptNormal()),
                strip(c.resolveUrgent()), strip(c.resolveNormal()), strip(c.resolveComplex()));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip().toLowerCase();
    }

    /** Every duration like 2h, 7d or 5wd and longer than nothing; 400 THREAD_SETTINGS_CLOCK naming the first bad one. */
    private ThreadViews.Clocks checkClocks(ThreadViews.Clocks c, OffsetDateTime now) {
        for (String d : List.of(c.acceptUrgent(), c.acceptNormal(), c.resolveUrgent(), c.resolveNormal(),
                c.resolveComplex())) {
            boolean ok;
            try {
                ok = d.length() <= 6 && sla.due(now, d).isAfter(now);
            } catch (IllegalStateException | NullPointerException e) {
                ok = false;
            }
            if (!ok) {
                throw Problem.badRequest("THREAD_SETTINGS_CLOCK", c.category(), d);
            }
        }
        return c;
    }

    /** Stripped, without blanks and repeats, in the order given; 400 {code} beyond the limits. */
    private static List<String> words(List<String> given, int max, int maxLength, String code) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : given == null ? List.<String>of() : given) {
            String s = w == null ? "" : w.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.length() > maxLength) {
                throw Problem.badRequest(code, max, maxLength);
            }
            out.add(s);
        }
        if (out.size() > max) {
            throw Problem.badRequest(code, max, maxLength);
        }
        return List.copyOf(out);
    }

    private String write(Stored stored) {
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ThreadRules read(String text) {
        try {
            Stored s = json.readValue(text, Stored.class);
            return new ThreadRules(s.categories(), s.urgentCategories(), s.clocks(),
                    s.keywords() == null ? defaults.keywords() : s.keywords(), s.refusedWords(),
                    s.reviewWords(), null, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("thread_settings: unreadable rules", e);
        }
    }
}
