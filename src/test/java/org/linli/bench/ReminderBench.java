package org.linli.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.reminder.ReminderEngine;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 10,000 custom reminder occurrences due in the same minute, each scoped to one of 100 buildings (20 verified
 * residents each), fired by two replica loops sharing the database (two concurrent pass loops in this JVM, each
 * claiming with SKIP LOCKED). Measures the time until every occurrence is FIRED and its pushes are in the outbox,
 * and counts duplicates and losses. Not a test: run it by hand (docs/benchmarks.md, "Reminder firing"):
 *
 * <pre>./mvnw -B -o test -Dtest=ReminderBench -Dbench</pre>
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class ReminderBench {

    static final int OCCURRENCES = Integer.getInteger("bench.occurrences", 10_000);
    static final int BUILDINGS = 100;
    static final int PER_BUILDING = 20;
    static final int REPLICAS = Integer.getInteger("bench.replicas", 2);

    @Inject
    Pool pool;

    @Inject
    ReminderEngine engine;

    @Inject
    MovableClock clock;

    @Test
    void tenThousandDueInOneMinute() throws Exception {
        // Daytime in Shanghai, so residents' default quiet hours do not defer anything.
        Instant due = ZonedDateTime.now(clock.getZone()).plusDays(1).with(LocalTime.of(10, 0)).toInstant();
        long community = seed(due);
        clock.set(due.plusSeconds(1));
        try {
            AtomicInteger fired = new AtomicInteger();
            List<Integer> byReplica = new ArrayList<>();
            ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
            Instant started = Instant.now();
            List<Future<Integer>> loops = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                loops.add(replicas.submit(() -> {
                    int mine = 0;
                    while (waiting(community) > 0) {
                        int n = pass();
                        mine += n;
                        fired.addAndGet(n);
                    }
                    return mine;
                }));
            }
            for (Future<Integer> loop : loops) {
                byReplica.add(loop.get());
            }
            Duration took = Duration.between(started, Instant.now());
            replicas.shutdown();

            long firedRows = count("select count(*) from reminder_occurrence o join reminder r on r.id = o.reminder_id"
                    + " where r.community_id = $1 and o.status = 'FIRED'", community);
            long expected = count("select coalesce(sum(o.audience), 0) from reminder_occurrence o join reminder r"
                    + " on r.id = o.reminder_id where r.community_id = $1", community);
            long deliveries = count("select count(*) from push_delivery d join push_message m on m.id = d.message_id"
                    + " where m.community_id = $1 and m.source_ref like 'reminder:%'", community);
            long messages = count("select count(*) from push_message where community_id = $1"
                    + " and source_ref like 'reminder:%'", community);
            long lost = OCCURRENCES - firedRows + Math.max(0, expected - deliveries);
            long duplicates = Math.max(0, fired.get() - OCCURRENCES) + Math.max(0, deliveries - expected);
            List<String> lines = List.of(
                    String.format(Locale.ROOT, "occurrences due in one minute: %d, audience %d each (%d pushes)",
                            OCCURRENCES, PER_BUILDING, (long) OCCURRENCES * PER_BUILDING),
                    String.format(Locale.ROOT, "replicas: %d, fired per replica: %s", REPLICAS, byReplica),
                    String.format(Locale.ROOT, "time to fire all: %.1f s (%.0f occurrences/s)", took.toMillis() / 1000.0,
                            OCCURRENCES * 1000.0 / Math.max(1, took.toMillis())),
                    String.format(Locale.ROOT, "push messages %d, deliveries %d (expected %d)", messages, deliveries,
                            expected),
                    String.format(Locale.ROOT, "duplicates: %d, lost: %d", duplicates, lost));
            lines.forEach(System.out::println);
            Files.createDirectories(Path.of("target/bench"));
            Files.write(Path.of("target/bench/reminder-firing.txt"), lines);
            assertEquals(OCCURRENCES, firedRows);
            assertEquals(0, duplicates);
            assertEquals(0, lost);
        } finally {
            clock.reset();
        }
    }

    private int pass() throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(engine::pass).fired();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private long waiting(long community) {
        return count("select count(*) from reminder_occurrence o join reminder r on r.id = o.reminder_id"
                + " where r.community_id = $1 and o.status = 'DUE'", community);
    }

    /** A community of 100 buildings × 20 households, one verified resident each; the reminders and occurrences. */
    private long seed(Instant due) throws IOException {
        long community = one("insert into community (code, name) values ($1, '提醒压测社区') returning id",
                Tuple.of("RB" + System.currentTimeMillis() % 1_000_000));
        exec("insert into building (community_id, name) select $1, g || '号楼' from generate_series(1, $2) g",
                Tuple.of(community, BUILDINGS));
        exec("insert into building_unit (community_id, building_id, name) select $1, id, '1单元' from building"
                + " where community_id = $1", Tuple.of(community));
        exec("insert into household (community_id, unit_id, room, floor_area, area_source) select $1, u.id,"
                + " (100 + g)::text, 90, 'REGISTRY' from building_unit u, generate_series(1, $2) g"
                + " where u.community_id = $1", Tuple.of(community, PER_BUILDING));
        exec("insert into resident (community_id, display_name) select $1, 'r' || h.id from household h"
                + " where h.community_id = $1", Tuple.of(community));
        exec("insert into membership (community_id, household_id, resident_id, role, status, source)"
                + " select $1, h.id, r.id, 'OWNER', 'VERIFIED', 'STAFF' from household h join resident r"
                + " on r.community_id = $1 and r.display_name = 'r' || h.id where h.community_id = $1",
                Tuple.of(community));
        exec("insert into reminder (community_id, kind, title, body, scope_kind, scope_ids, fire_at, created_at)"
                + " select $1, 'CUSTOM', '压测提醒 ' || g, '请按时参加', 'BUILDINGS',"
                + " array[(select id from building where community_id = $1 order by id offset g % $3 limit 1)],"
                + " $2, $2 from generate_series(1, $4) g",
                Tuple.of(community, due.atOffset(ZoneOffset.UTC), BUILDINGS, OCCURRENCES));
        exec("insert into reminder_occurrence (reminder_id, due_at) select id, fire_at from reminder"
                + " where community_id = $1", Tuple.of(community));
        return community;
    }

    private long one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().indefinitely().iterator().next().getLong(0);
    }

    private long count(String sql, long community) {
        Row row = pool.preparedQuery(sql).execute(Tuple.of(community)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    private void exec(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().indefinitely();
    }
}
