package org.linli.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.thread.Similarity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 100,000 threads in 200 communities (a mix of states), one of them with 5,000 open threads of realistic text; then
 * the staff queue's first page and a resident's thread detail at 64 concurrent clients, the console's queue page at
 * 32 concurrent console sessions, and submits with duplicate detection. Not a test: run it by hand (docs/benchmarks.md, "Threads"):
 *
 * <pre>./mvnw -B -o test -Dtest=ThreadBench -Dbench</pre>
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class ThreadBench {

    static final int THREADS = Integer.getInteger("bench.threads", 100_000);
    /** Which calls to measure ({@code -Dbench.phases=submit}); all by default. */
    static final List<String> PHASES = List.of(System.getProperty("bench.phases", "queue,console,detail,submit")
            .split(","));
    static final int SUBMITS = Integer.getInteger("bench.submits", 300);
    /** Submits run once per client count ({@code -Dbench.submit-clients=1,8}). */
    static final List<Integer> SUBMIT_CLIENTS = java.util.Arrays.stream(System.getProperty("bench.submit-clients", "8")
            .split(",")).map(Integer::valueOf).toList();
    static final int COMMUNITIES = 200;
    static final int OPEN_IN_ONE = 5_000;
    static final int CONCURRENCY = 64;
    static final int CONSOLE_SESSIONS = 32;
    static final String[] TEXTS = {"楼道灯坏了", "垃圾桶满了没人清理", "电梯经常停运", "车库入口积水", "消防通道被占用",
            "有人飞线充电", "装修噪音太大", "广场舞音响太吵", "健身器材损坏", "外墙瓷砖脱落", "门禁坏了刷不开", "屋顶漏水",
            "草坪上狗粪便很多", "流浪猫太多", "建议增设充电桩", "车棚顶被风吹坏", "路面坑洼", "下水道堵塞返臭",
            "楼道堆放杂物", "路灯不亮", "高空抛物", "井盖松动", "树枝挡住窗户", "快递柜不够用", "外来车辆乱停"};
    static final String[] PLACES = {"东门", "西门", "南门", "北门", "中心花园"};

    @Inject
    Pool pool;
    @Inject
    Similarity similarity;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void queueDetailAndSubmit() throws Exception {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        String committee = Api.newStaff(admin, community, "COMMITTEE");
        String code = Api.unique("bench-");
        org.linli.wechat.fake.FakeWechat endpoint = io.quarkus.arc.Arc.container()
                .instance(org.linli.wechat.fake.FakeWechat.class).get();
        endpoint.fake().orElseThrow().registerCode(code, Api.unique("bench-openid-"), null);
        var login = io.restassured.RestAssured.given().contentType("application/json").body(Map.of("code", code))
                .post("/api/v1/auth/mini");
        String residentToken = login.path("token");
        long resident = ((Number) login.path("id")).longValue();
        long household = seedHousehold(community, resident);

        long t0 = System.nanoTime();
        seed(community, resident, household);
        System.out.printf("seeded %d threads in %.1f s%n", THREADS, (System.nanoTime() - t0) / 1e9);
        long mine = pool.preparedQuery("select id from consultation_thread where community_id = $1 and resident_id = $2"
                + " order by id desc limit 1").execute(Tuple.of(community, resident)).await().indefinitely()
                .iterator().next().getLong(0);

        String base = "http://localhost:" + RestAssured.port;
        String queue = base + "/api/v1/communities/" + community + "/threads?limit=20";
        String detail = base + "/api/v1/threads/" + mine;
        List<String> lines = new ArrayList<>();
        if (PHASES.contains("queue")) {
            run("warm-up queue", 500, i -> get(queue, committee));
            lines.add(run("staff queue, first page", 5_000, i -> get(queue, committee)));
            lines.add(run("staff queue, first page, overdue filter", 3_000, i -> get(queue + "&overdue=true", committee)));
        }
        if (PHASES.contains("console")) {
            List<String> sessions = consoleSessions(admin, community, CONSOLE_SESSIONS);
            String page = base + "/console/c/" + community + "/threads";
            runWith("warm-up console queue page", 500, CONSOLE_SESSIONS, i -> page(page, sessions.get(i % CONSOLE_SESSIONS)));
            lines.add(runWith("console queue page (HTML), first page", 5_000, CONSOLE_SESSIONS,
                    i -> page(page, sessions.get(i % CONSOLE_SESSIONS))));
            lines.add(runWith("console queue page (HTML), overdue filter", 3_000, CONSOLE_SESSIONS,
                    i -> page(page + "?overdue=true", sessions.get(i % CONSOLE_SESSIONS))));
        }
        if (PHASES.contains("detail")) {
            run("warm-up detail", 500, i -> get(detail, residentToken));
            lines.add(run("resident thread detail", 5_000, i -> get(detail, residentToken)));
        }
        if (PHASES.contains("submit")) {
            for (int clients : SUBMIT_CLIENTS) {
                int from = lines.size() * SUBMITS;
                lines.add(runWith("submit with duplicate detection (5,000 open), " + clients + " clients", SUBMITS,
                        clients, i -> post(base + "/api/v1/threads", residentToken, "{\"description\":\""
                                + PLACES[i % 5] + TEXTS[i % TEXTS.length] + "，第" + (from + i)
                                + "次反映\",\"visibility\":\"PUBLIC\"}")));
            }
        }
        Path out = Path.of("target/bench/threads.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** Committee members of the community, each logged in to the console once: their session cookies. */
    private static List<String> consoleSessions(String admin, long community, int n) {
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String username = Api.unique("bench-c");
            Api.as(admin).body(Map.of("username", username, "displayName", "压测委员" + i, "password", "secret-pass-1",
                    "role", "COMMITTEE")).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
            cookies.add(org.linli.console.ConsoleClient.login(username, "secret-pass-1").cookie());
        }
        return cookies;
    }

    private CompletableFuture<Integer> page(String url, String cookie) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200 ? 200 : 500);
    }

    private long seedHousehold(long community, long resident) {
        var b = pool.preparedQuery("insert into building (community_id, name) values ($1, '1号楼') returning id")
                .execute(Tuple.of(community)).await().indefinitely().iterator().next().getLong(0);
        var u = pool.preparedQuery("insert into building_unit (community_id, building_id, name) values ($1, $2, '1单元')"
                + " returning id").execute(Tuple.of(community, b)).await().indefinitely().iterator().next().getLong(0);
        long h = pool.preparedQuery("insert into household (community_id, unit_id, room, floor_area, area_source)"
                        + " values ($1, $2, '101', 90, 'REGISTRY') returning id")
                .execute(Tuple.of(community, u)).await().indefinitely().iterator().next().getLong(0);
        pool.preparedQuery("insert into membership (community_id, household_id, resident_id, role, status, source)"
                + " values ($1, $2, $3, 'OWNER', 'VERIFIED', 'STAFF')").execute(Tuple.of(community, h, resident))
                .await().indefinitely();
        return h;
    }

    /** 199 other communities share the rest; states: 5 % submitted, 20 % in handling, 10 % resolved, 65 % closed. */
    private void seed(long community, long measured, long household) {
        // The 5,000 open threads are a neighbour's, so the measured resident is offered them as duplicates.
        long resident = pool.query("insert into resident (display_name) values ('压测邻居') returning id").execute()
                .await().indefinitely().iterator().next().getLong(0);
        pool.preparedQuery("insert into community (code, name) select 'BENCH' || g || '-' || $1, '压测社区' || g"
                + " from generate_series(1, $2) g").execute(Tuple.of(String.valueOf(community), COMMUNITIES - 1)).await().indefinitely();
        List<Long> others = new ArrayList<>();
        pool.preparedQuery("select id from community where code like 'BENCH%-' || $1").execute(Tuple.of(String.valueOf(community)))
                .await().indefinitely().forEach(r -> others.add(r.getLong(0)));
        Long[] ids = others.toArray(Long[]::new);
        int rest = THREADS - OPEN_IN_ONE;
        pool.preparedQuery("insert into consultation_thread (community_id, ref_no, resident_id, description, status,"
                        + " source, created_at, submitted_at, category, visibility, accept_due_at, resolve_due_at, terms)"
                        + " select ($1::bigint[])[1 + g % array_length($1::bigint[], 1)], 'B' || $2 || '-' || g, $3,"
                        + " '压测说事第' || g || '件', case when g % 20 = 0 then 'SUBMITTED' when g % 5 = 1 then"
                        + " 'IN_PROGRESS' when g % 10 = 2 then 'RESOLVED' else 'CLOSED' end, 'MINI',"
                        + " now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, '其他', 'PUBLIC',"
                        + " now() + interval '1 day', now() + interval '7 days', '压测 说事'"
                        + " from generate_series(1, $4) g")
                .execute(Tuple.of(ids, String.valueOf(community), resident, rest)).await().indefinitely();
        // The measured resident's own thread, for the detail endpoint.
        pool.preparedQuery("insert into consultation_thread (community_id, ref_no, resident_id, household_id, description,"
                + " status, source, created_at, submitted_at, category, visibility) values ($1, $2, $3, $4,"
                + " '1号楼楼道灯坏了', 'IN_PROGRESS', 'MINI', now(), now(), '设施维修', 'PUBLIC')")
                .execute(Tuple.of(community, "M" + community, measured, household)).await().indefinitely();
        // The measured community: 5,000 open threads of realistic, segmented text.
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < OPEN_IN_ONE; i++) {
            String text = (i % 30 + 1) + "号楼" + PLACES[i % 5] + TEXTS[(i * 7) % TEXTS.length] + "，已经" + (i % 9 + 1) + "天了";
            batch.add(Tuple.from(Arrays.asList(community, "O" + community + "-" + i, resident, null, text,
                    i % 4 == 0 ? "SUBMITTED" : "IN_PROGRESS", String.join(" ", similarity.terms(text)))));
        }
        pool.preparedQuery("insert into consultation_thread (community_id, ref_no, resident_id, household_id, description,"
                        + " status, source, created_at, submitted_at, category, visibility, accept_due_at, resolve_due_at,"
                        + " terms) values ($1, $2, $3, $4, $5, $6, 'MINI', now(), now(), '其他', 'PUBLIC',"
                        + " now() + interval '1 day', now() + interval '7 days', $7)")
                .executeBatch(batch).await().indefinitely();
        pool.query("analyze consultation_thread").execute().await().indefinitely();
    }

    private String run(String name, int requests, IntFunction<CompletableFuture<Integer>> call) throws Exception {
        return runWith(name, requests, CONCURRENCY, call);
    }

    private String runWith(String name, int requests, int concurrency, IntFunction<CompletableFuture<Integer>> call)
            throws Exception {
        return Load.run(name, requests, concurrency, call);
    }

    private CompletableFuture<Integer> get(String url, String token) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private CompletableFuture<Integer> post(String url, String token, String json) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }
}
