package org.linli.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hot owners' poll (双过半) with 20,000 eligible households, each with its own verified owner and Mini-Program
 * session, voting through {@code POST /api/v1/polls/{id}/ballots}: half at 64 concurrent, half at 256. Then the poll
 * is closed and checked: acknowledged ballots = rows = tally, and the hash chain recomputed from its events ends at
 * the stored head. Not a test: run it by hand (docs/benchmarks.md, "Ballots"):
 *
 * <pre>./mvnw -B -o test -Dtest=BallotBench -Dbench</pre>
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class BallotBench {

    static final int HOUSEHOLDS = Integer.getInteger("bench.households", 20_000);
    static final int PER_BUILDING = 200;

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    @Test
    void twentyThousandHouseholdsVote() throws Exception {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        String committee = Api.newStaff(admin, community, "COMMITTEE");
        long t0 = System.nanoTime();
        List<Long> households = seedHouseholds(community);
        String base = "http://localhost:" + RestAssured.port;
        List<String> tokens = owners(base, community, households);
        System.out.printf("seeded %d households with verified owners and sessions in %.1f s%n", HOUSEHOLDS,
                (System.nanoTime() - t0) / 1e9);

        long poll = openPoll(committee, community);
        String url = base + "/api/v1/polls/" + poll + "/ballots";
        int half = HOUSEHOLDS / 2;
        List<String> lines = new ArrayList<>();
        lines.add(Load.run("ballot, 64 concurrent", half, 64,
                i -> post(url, tokens.get(i), "{\"answers\":[[" + (i % 10 < 7 ? 0 : 1) + "]]}")));
        lines.add(Load.run("ballot, 256 concurrent", HOUSEHOLDS - half, 256,
                i -> post(url, tokens.get(half + i), "{\"answers\":[[" + ((half + i) % 10 < 7 ? 0 : 1) + "]]}")));

        Api.as(committee).body(Map.of("reason", "压测结束")).post("/api/v1/communities/" + community + "/polls/"
                + poll + "/close").then().statusCode(200);
        long rows = one("select count(*) from poll_ballot where poll_id = $1", poll);
        assertEquals(HOUSEHOLDS, rows, "ballot rows");
        var result = Api.as(committee).get("/api/v1/communities/" + community + "/polls/" + poll + "/result");
        assertEquals(HOUSEHOLDS, ((Number) result.path("participating.heads")).intValue(), result.asString());
        long agreed = ((Number) result.path("questions[0].options[0].heads")).longValue();
        assertEquals(HOUSEHOLDS * 7L / 10, agreed, "heads for 同意 in the tally");
        String head = verifiedChainHead(poll);
        String stored = pool.preparedQuery("select result_chain_head from poll where id = $1")
                .execute(Tuple.of(poll)).await().indefinitely().iterator().next().getString(0);
        assertEquals(stored, head, "the chain recomputed from its events");
        lines.add(String.format("checked: %d acknowledged = %d rows = %d participating heads; %d 同意; chain of %d"
                + " events verifies", HOUSEHOLDS, rows, HOUSEHOLDS, agreed, one(
                "select count(*) from poll_ballot_event where poll_id = $1", poll)));
        Path out = Path.of("target/bench/ballots.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** 100 buildings of 200 households (one unit each), 60–139 ㎡ from the registry. */
    private List<Long> seedHouseholds(long community) {
        pool.preparedQuery("insert into building (community_id, name) select $1, b || '号楼' from"
                + " generate_series(1, $2) b").execute(Tuple.of(community, HOUSEHOLDS / PER_BUILDING))
                .await().indefinitely();
        pool.preparedQuery("insert into building_unit (community_id, building_id, name) select $1, id, '1单元'"
                + " from building where community_id = $1").execute(Tuple.of(community)).await().indefinitely();
        pool.preparedQuery("insert into household (community_id, unit_id, room, floor_area, area_source)"
                        + " select $1, u.id, (100 + r)::text, 60 + (u.id + r) % 80, 'REGISTRY' from building_unit u,"
                        + " generate_series(1, $2) r where u.community_id = $1")
                .execute(Tuple.of(community, PER_BUILDING)).await().indefinitely();
        List<Long> ids = new ArrayList<>();
        pool.preparedQuery("select id from household where community_id = $1 order by id").execute(Tuple.of(community))
                .await().indefinitely().forEach(r -> ids.add(r.getLong(0)));
        return ids;
    }

    /** One Mini-Program login per household (fake WeChat codes), then each resident is its VERIFIED owner. */
    private List<String> owners(String base, long community, List<Long> households) throws Exception {
        var fake = io.quarkus.arc.Arc.container().instance(org.linli.wechat.fake.FakeWechat.class).get()
                .fake().orElseThrow();
        String[] tokens = new String[households.size()];
        long[] residents = new long[households.size()];
        String run = Api.unique("bb");
        for (int i = 0; i < households.size(); i++) {
            fake.registerCode(run + "-code-" + i, run + "-openid-" + i, null);
        }
        Load.run("seeding: Mini-Program logins", households.size(), 64, i -> http.sendAsync(HttpRequest
                        .newBuilder(URI.create(base + "/api/v1/auth/mini")).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + run + "-code-" + i + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    Matcher token = TOKEN.matcher(r.body());
                    Matcher id = ID.matcher(r.body());
                    if (r.statusCode() == 200 && token.find() && id.find()) {
                        tokens[i] = token.group(1);
                        residents[i] = Long.parseLong(id.group(1));
                    }
                    return r.statusCode();
                }));
        List<Tuple> memberships = new ArrayList<>();
        for (int i = 0; i < households.size(); i++) {
            memberships.add(Tuple.of(community, households.get(i), residents[i]));
        }
        pool.preparedQuery("insert into membership (community_id, household_id, resident_id, role, status, source)"
                + " values ($1, $2, $3, 'OWNER', 'VERIFIED', 'STAFF')").executeBatch(memberships).await().indefinitely();
        pool.preparedQuery("update resident set community_id = $1 where id = any($2)")
                .execute(Tuple.of(community, java.util.Arrays.stream(residents).boxed().toArray(Long[]::new)))
                .await().indefinitely();
        return List.of(tokens);
    }

    private long openPoll(String committee, long community) {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"));
        String polls = "/api/v1/communities/" + community + "/polls";
        var created = Api.as(committee).body(Map.of("title", "是否续聘物业服务企业", "scope", Map.of("kind", "COMMUNITY"),
                "preset", "OWNERS_ORDINARY", "questions", List.of(Map.of("kind", "APPROVAL", "text", "同意续聘")),
                "noticeWaiver", "压测：业主大会已提前书面通知", "openAt", now.plusMinutes(1).withNano(0).toString(),
                "closeAt", now.plusDays(7).withNano(0).toString())).post(polls);
        assertEquals(201, created.statusCode(), created.asString());
        long poll = ((Number) created.path("id")).longValue();
        Api.as(committee).post(polls + "/" + poll + "/announce").then().statusCode(200);
        long t = System.nanoTime();
        Api.as(committee).post(polls + "/" + poll + "/open").then().statusCode(200);
        System.out.printf("opened (electorate of %d frozen) in %.1f s%n", HOUSEHOLDS, (System.nanoTime() - t) / 1e9);
        return poll;
    }

    private String verifiedChainHead(long poll) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String h = "0".repeat(64);
        for (Row r : pool.preparedQuery("select content, prev_hash, hash from poll_ballot_event where poll_id = $1"
                + " order by seq").execute(Tuple.of(poll)).await().indefinitely()) {
            assertEquals(h, r.getString(1), "prev_hash");
            h = HexFormat.of().formatHex(sha.digest((h + "\n" + r.getString(0)).getBytes(StandardCharsets.UTF_8)));
            assertEquals(h, r.getString(2), "hash");
        }
        return h;
    }

    private long one(String sql, long poll) {
        return pool.preparedQuery(sql).execute(Tuple.of(poll)).await().indefinitely().iterator().next().getLong(0);
    }

    private CompletableFuture<Integer> post(String url, String token, String json) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }
}
