package org.linli.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.linli.poll.PollWorld;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The public 公示 board of a community with a published poll, under 64 concurrent clients: first without and then
 * with the ETag a browser sends back. Not a test: run it by hand (docs/benchmarks.md, "公示 board"):
 *
 * <pre>./mvnw -B -o test -Dtest=GongshiBench -Dbench</pre>
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class GongshiBench {

    static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    static final int CLIENTS = 64;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void boardUnderLoad() throws Exception {
        PollWorld w = new PollWorld();
        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意更换物业公司")), Duration.ZERO, Duration.ofDays(2)));
        for (String who : new String[]{"A", "B", "D", "E"}) {
            w.vote(who, poll, 0).then().statusCode(200);
        }
        String staff = w.committee.token();
        Api.as(staff).body(Map.of("reason", "压测")).post(w.polls() + "/" + poll + "/close").then().statusCode(200);
        Api.as(staff).body(Map.of("statement", "表决通过。")).put(w.polls() + "/" + poll + "/outcome").then().statusCode(200);
        Api.as(staff).post(w.polls() + "/" + poll + "/publish").then().statusCode(200);

        URI board = URI.create("http://localhost:" + RestAssured.port + "/gongshi/" + w.code);
        String etag = http.send(HttpRequest.newBuilder(board).GET().build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("ETag").orElseThrow();
        List<String> lines = new ArrayList<>();
        Load.run("warm-up", 2_000, CLIENTS, i -> get(board, null));
        lines.add(Load.run("公示 board, full page", REQUESTS, CLIENTS, i -> get(board, null)));
        lines.add(Load.run("公示 board, If-None-Match (304)", REQUESTS, CLIENTS, i -> get(board, etag)));
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/gongshi.txt"), lines);
    }

    private CompletableFuture<Integer> get(URI uri, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }
}
