package org.linli.bench;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fan-out of one notice to 50,000 synthetic residents through the real scheduled worker, against the fake WeChat
 * API answering after 200 ms (1 % after 2 s), with 43101 refusals and two 45009 quota hits injected. Not a test:
 * run it by hand (see docs/benchmarks.md, "Push fan-out"):
 *
 * <pre>./mvnw -B -o test -Dtest=FanoutBench -Dbench -Dlinli.embedded-services=always</pre>
 * <p>
 * Prints sends/s, time to finish, duplicates, lost, CPU and RSS, and writes them to target/bench/push-fanout.txt.
 */
@QuarkusTest
@TestProfile(FanoutBench.Profile.class)
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class FanoutBench {

    static final int RESIDENTS = Integer.getInteger("bench.residents", 50_000);
    static final String MINI_TEMPLATE = "demo-mini-notice";

    /**
     * The worker runs on its schedule as in production; the fake's per-call DEBUG log would cost more than a send.
     * {@code -Dbench.in-flight=N} raises linli.push.max-in-flight (and the HTTP pool with it).
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "linli.push.enabled", "true",
                    "linli.push.quota-pause", "PT3S",
                    "quarkus.log.category.\"org.linli\".level", "INFO"));
            Integer inFlight = Integer.getInteger("bench.in-flight");
            if (inFlight != null) {
                config.put("linli.push.max-in-flight", String.valueOf(inFlight));
                config.put("linli.wechat.max-connections", String.valueOf(inFlight + 50));
            }
            return config;
        }
    }

    @Inject
    Pool pool;

    @Inject
    PushOutbox outbox;

    @Inject
    RedisDataSource redis;

    @Inject
    FakeWechat endpoint;

    @Test
    void fanOutToFiftyThousand() throws Throwable {
        FakeWechatServer wechat = endpoint.fake().orElseThrow();
        wechat.reset();
        long community = one("INSERT INTO community (code, name) VALUES ($1, '压测社区') RETURNING id",
                Tuple.of("BENCH" + System.currentTimeMillis() % 100_000)).getLong("id");
        Population people = populate(community);
        wechat.latency(FakeWechatServer.ANY_PATH, Duration.ofMillis(200))
                .slowFraction(FakeWechatServer.ANY_PATH, 0.01, Duration.ofSeconds(2), 7)
                .failRandomly(WechatPaths.MA_SUBSCRIBE_SEND, 43101, 0.05, 11)
                .failRandomly(WechatPaths.TEMPLATE_SEND, 43101, 0.01, 13);
        wechat.clearCalls();

        Usage before = Usage.now();
        String ref = "bench:" + System.currentTimeMillis();
        Instant started = Instant.now();
        int queued = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(
                new PushMessage(community, ref, "NOTICE", false, "小区停水通知",
                        "因二次供水设备检修，周六9:00至17:00全小区停水，请提前储水。", "pages/notice/detail?id=1",
                        Map.of(), null), people.ids)));
        Duration enqueue = Duration.between(started, Instant.now());
        assertEquals(RESIDENTS, queued);

        List<String> timeline = new ArrayList<>();
        boolean firstQuota = false;
        boolean secondQuota = false;
        long pending = RESIDENTS;
        Instant deadline = started.plus(Duration.ofMinutes(15));
        while (pending > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            pending = count("SELECT count(*) FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
                    + " WHERE m.source_ref = $1 AND d.status = 'PENDING'", Tuple.of(ref));
            long done = RESIDENTS - pending;
            if (!firstQuota && done >= RESIDENTS / 4) {
                wechat.failNext(WechatPaths.TEMPLATE_SEND, 45009, 1);
                firstQuota = true;
                timeline.add(String.format("%5.1f s  45009 injected at %d done", seconds(started), done));
            }
            if (!secondQuota && done >= RESIDENTS * 6 / 10) {
                wechat.failNext(WechatPaths.TEMPLATE_SEND, 45009, 1);
                secondQuota = true;
                timeline.add(String.format("%5.1f s  45009 injected at %d done", seconds(started), done));
            }
        }
        Duration total = Duration.between(started, Instant.now());
        Usage after = Usage.now();

        Map<String, Long> byStatusChannel = new HashMap<>();
        rows("SELECT d.status || '/' || COALESCE(d.channel, '-') AS k, count(*) AS n FROM push_delivery d"
                + " JOIN push_message m ON m.id = d.message_id WHERE m.source_ref = $1 GROUP BY 1", Tuple.of(ref))
                .forEach(r -> byStatusChannel.put(r.getString("k"), r.getLong("n")));
        long wechatSends = byStatusChannel.entrySet().stream().filter(e -> e.getKey().startsWith("SENT/"))
                .mapToLong(Map.Entry::getValue).sum();
        long apiCalls = count("SELECT count(*) FROM push_attempt a JOIN push_delivery d ON d.id = a.delivery_id"
                + " JOIN push_message m ON m.id = d.message_id WHERE m.source_ref = $1", Tuple.of(ref));
        long quotaHits = count("SELECT count(*) FROM push_attempt a JOIN push_delivery d ON d.id = a.delivery_id"
                + " JOIN push_message m ON m.id = d.message_id WHERE m.source_ref = $1 AND a.verdict = 'QUOTA'",
                Tuple.of(ref));
        long resent = count("SELECT count(*) FROM (SELECT a.delivery_id FROM push_attempt a JOIN push_delivery d"
                + " ON d.id = a.delivery_id JOIN push_message m ON m.id = d.message_id WHERE m.source_ref = $1"
                + " AND a.verdict = 'SENT' GROUP BY 1 HAVING count(*) > 1) x", Tuple.of(ref));

        Map<Long, Integer> received = new HashMap<>();
        for (FakeWechatServer.Delivery d : wechat.deliveries()) {
            Long resident = people.byOpenid.get(d.openid());
            if (resident != null) {
                received.merge(resident, 1, Integer::sum);
            }
        }
        long duplicates = received.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        long sentButNotReceived = 0;
        for (Row r : rows("SELECT d.resident_id FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
                + " WHERE m.source_ref = $1 AND d.status = 'SENT'", Tuple.of(ref))) {
            if (!received.containsKey(r.getLong("resident_id"))) {
                sentButNotReceived++;
            }
        }
        long notDone = count("SELECT count(*) FROM push_delivery d JOIN push_message m ON m.id = d.message_id"
                + " WHERE m.source_ref = $1 AND d.status NOT IN ('SENT', 'IN_APP')", Tuple.of(ref));
        long lost = notDone + sentButNotReceived;

        double secs = total.toMillis() / 1000.0;
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "residents           %d (mini+consent %d, OA %d, none %d, kefu window %d)",
                RESIDENTS, people.mini, people.mp, people.none, people.kefu));
        report.add(String.format(Locale.ROOT, "settings            max-in-flight %s, heap max %d MiB",
                ConfigProvider.getConfig().getValue("linli.push.max-in-flight", String.class),
                Runtime.getRuntime().maxMemory() >> 20));
        report.add(String.format(Locale.ROOT, "enqueue             %d ms (one statement)", enqueue.toMillis()));
        report.add(String.format(Locale.ROOT, "time to finish      %.1f s (enqueue commit to last outcome recorded)", secs));
        report.add(String.format(Locale.ROOT, "WeChat sends        %d delivered, %.0f /s; %d API calls in all, %.0f /s",
                wechatSends, wechatSends / secs, apiCalls, apiCalls / secs));
        report.add(String.format(Locale.ROOT, "deliveries done     %.0f /s (incl. in-app)", RESIDENTS / secs));
        report.add("outcomes            " + new java.util.TreeMap<>(byStatusChannel));
        report.add(String.format(Locale.ROOT, "quota (45009) hits  %d calls answered 45009 (2 injected)", quotaHits));
        report.add(String.format(Locale.ROOT, "duplicates          %d (a resident receiving a message twice)", duplicates));
        report.add(String.format(Locale.ROOT, "lost                %d (not delivered: %d; recorded SENT but not received: %d)",
                lost, notDone, sentButNotReceived));
        report.add(String.format(Locale.ROOT, "repeat sends        %d deliveries sent more than once", resent));
        report.addAll(after.since(before, secs));
        report.add("timeline            " + String.join("; ", timeline));
        String text = String.join("\n", report);
        System.out.println("\n=== Push fan-out benchmark ===\n" + text + "\n");
        Path out = Path.of("target/bench/push-fanout.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text + "\n");
        assertEquals(0, duplicates);
        assertEquals(0, lost);
    }

    private record Population(List<Long> ids, Map<String, Long> byOpenid, int mini, int mp, int none, int kefu) {
    }

    /** 10 % Mini-Program users with a consent (and an OA openid), 80 % OA followers, 10 % with neither. */
    private Population populate(long community) {
        List<Long> ids = new ArrayList<>();
        Map<String, Long> byOpenid = new HashMap<>();
        List<String> kefuOpenids = new ArrayList<>();
        int mini = 0;
        int mp = 0;
        int none = 0;
        for (Row r : rows("""
                INSERT INTO resident (community_id, display_name, mini_openid, mp_openid)
                SELECT $1, 'b' || g, CASE WHEN g % 10 = 0 THEN 'bench-mini-' || g END,
                       CASE WHEN g % 10 <> 1 THEN 'bench-mp-' || g END
                  FROM generate_series(1, $2) g
                RETURNING id, mini_openid, mp_openid""", Tuple.of(community, RESIDENTS))) {
            long id = r.getLong("id");
            ids.add(id);
            String miniOpenid = r.getString("mini_openid");
            String mpOpenid = r.getString("mp_openid");
            if (miniOpenid != null) {
                byOpenid.put(miniOpenid, id);
                mini++;
            } else if (mpOpenid == null) {
                none++;
            } else {
                mp++;
            }
            if (mpOpenid != null) {
                byOpenid.put(mpOpenid, id);
                if (id % 25 == 0) {
                    kefuOpenids.add(mpOpenid);
                }
            }
        }
        rows("INSERT INTO push_consent (resident_id, template_id, remaining) SELECT id, $2, 1 FROM resident"
                + " WHERE community_id = $1 AND mini_openid IS NOT NULL", Tuple.of(community, MINI_TEMPLATE));
        String now = String.valueOf(Instant.now().toEpochMilli());
        for (String openid : kefuOpenids) {
            redis.value(String.class).setex("linli:wx:last-inbound:" + openid, 3600, now);
        }
        return new Population(ids, byOpenid, mini, mp, none, kefuOpenids.size());
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private long count(String sql, Tuple params) {
        return one(sql, params).getLong(0);
    }

    private Row one(String sql, Tuple params) {
        return rows(sql, params).get(0);
    }

    private List<Row> rows(String sql, Tuple params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(params).await().atMost(Duration.ofMinutes(2)).forEach(rows::add);
        return rows;
    }

    /** CPU of this JVM (app + fake WeChat), of embedded PostgreSQL and Redis, of the whole machine; RSS. */
    private record Usage(long jvmCpuNanos, long pgRedisTicks, long machineBusy, long machineTotal, String load) {

        static Usage now() throws IOException {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new Usage(os.getProcessCpuTime(), serverTicks(), total - idle, total,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }

        List<String> since(Usage before, double seconds) throws IOException {
            double jvm = (jvmCpuNanos - before.jvmCpuNanos) / 1e9;
            double servers = (pgRedisTicks - before.pgRedisTicks) / 100.0;
            double busy = (machineBusy - before.machineBusy) / 100.0;
            double all = (machineTotal - before.machineTotal) / 100.0;
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, String> status = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] kv = line.split(":\\s+", 2);
                if (kv.length == 2) {
                    status.put(kv[0], kv[1]);
                }
            }
            return List.of(
                    String.format(Locale.ROOT, "CPU, this JVM       %.1f s = %.2f cores (app + fake WeChat server)",
                            jvm, jvm / seconds),
                    String.format(Locale.ROOT, "CPU, PG + Redis     %.1f s = %.2f cores (embedded servers)",
                            servers, servers / seconds),
                    String.format(Locale.ROOT, "CPU, whole machine  %.0f %% busy of %d cores (%.1f of %.1f core-s;"
                            + " the rest of it is other work on the machine)", 100 * busy / all, cores, busy, all),
                    "RSS, this JVM       " + status.get("VmRSS") + " (peak " + status.get("VmHWM") + ")",
                    "load average        before " + before.load + " | after " + load);
        }

        /** utime + stime of the embedded postgres and redis-server processes (found by their ports). */
        private static long serverTicks() throws IOException {
            String pg = System.getProperty("linli.embedded.postgres-port", "-");
            String redis = System.getProperty("linli.embedded.redis-port", "-");
            long postmaster = -1;
            Map<Long, long[]> procs = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(dir.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(dir.getFileName().toString());
                        long ppid = Long.parseLong(f[1]);
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        String cmd = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                        boolean isRedis = cmd.contains("redis-server") && cmd.contains(":" + redis)
                                || cmd.contains("redis-server") && cmd.contains("port " + redis);
                        if (cmd.contains("postgres") && cmd.contains("-p " + pg)) {
                            postmaster = pid;
                        }
                        procs.put(pid, new long[] {ppid, ticks, isRedis ? 1 : 0});
                    } catch (IOException | RuntimeException e) {
                        // the process went away
                    }
                }
            }
            long sum = 0;
            for (Map.Entry<Long, long[]> p : procs.entrySet()) {
                long[] v = p.getValue();
                if (p.getKey() == postmaster || v[0] == postmaster || v[2] == 1) {
                    sum += v[1];
                }
            }
            return sum;
        }
    }
}
