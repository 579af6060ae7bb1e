package org.linli.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.Parallel;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8 §2: parallel guesses beat the lock-out; a login flood starved the service; raw codes in WeChat's URL. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class LoginHardeningTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    FakeWechat endpoint;

    private String newAccount(String password) {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        String username = Api.unique("lock");
        Api.as(admin).body(Map.of("username", username, "displayName", "委员", "password", password,
                "role", "COMMITTEE")).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        return username;
    }

    private HttpRequest login(String username, String password) {
        return Parallel.postJson(base, "/api/v1/auth/staff",
                "{\"username\":" + Parallel.json(username) + ",\"password\":" + Parallel.json(password) + "}", null);
    }

    private static Map<Integer, Long> byStatus(List<HttpResponse<String>> responses) {
        return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    @Test
    void parallelWrongPasswordsGetNoMoreChecksThanThePolicy() {
        String username = newAccount("right-password");
        Map<Integer, Long> statuses = byStatus(Parallel.send(200, i -> login(username, "wrong-" + i)));
        // Every answer is a checked 401, a 423 lock or a 429 (password pool full, not checked): at most 5 checks.
        assertTrue(Set.of(401, 423, 429).containsAll(statuses.keySet()), statuses.toString());
        assertTrue(statuses.getOrDefault(401, 0L) <= 5, statuses.toString());
        assertTrue(statuses.getOrDefault(423, 0L) >= 150, statuses.toString());
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-password"))
                .post("/api/v1/auth/staff").then().statusCode(423).body("code", equalTo("ACCOUNT_LOCKED"));
    }

    @Test
    void aCorrectPasswordHiddenAmongParallelWrongOnesDoesNotGetInOnceTheBudgetIsSpent() {
        String username = newAccount("right-password");
        List<HttpResponse<String>> responses = Parallel.send(100,
                i -> login(username, i == 50 ? "right-password" : "wrong-" + i));
        Map<Integer, Long> statuses = byStatus(responses);
        long checked = statuses.getOrDefault(401, 0L) + statuses.getOrDefault(200, 0L);
        assertTrue(checked <= 5, statuses.toString());
        if (statuses.getOrDefault(200, 0L) == 0) {
            // The right password was not among the checked five: the account is locked for it as for any other.
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-password"))
                    .post("/api/v1/auth/staff").then().statusCode(423);
        }
        // After the budget is spent nothing is checked any more, wrong or right.
        Map<Integer, Long> later = byStatus(Parallel.send(100,
                i -> login(username, i == 50 ? "right-password" : "wrong-" + i)));
        if (statuses.getOrDefault(200, 0L) == 0) {
            assertEquals(Map.of(423, 100L), later);
        }
    }

    @Test
    void aLoginFloodIsBoundedAndTheRestOfTheServiceKeepsAnswering() throws Exception {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        CompletableFuture<List<HttpResponse<String>>> flood = CompletableFuture.supplyAsync(() ->
                Parallel.send(300, i -> login(Api.unique("nobody"), "wrong-password-" + i)));
        // While the flood runs, an ordinary request answers promptly.
        long started = System.nanoTime();
        Api.as(admin).get("/api/v1/communities/" + community).then().statusCode(200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);

        List<HttpResponse<String>> answers = flood.get();
        Map<Integer, Long> statuses = byStatus(answers);
        assertTrue(Set.of(401, 429).containsAll(statuses.keySet()), statuses.toString());
        assertTrue(statuses.getOrDefault(429, 0L) > 0, "the password pool should have refused some: " + statuses);
        HttpResponse<String> busy = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertTrue(busy.headers().firstValue("Retry-After").isPresent());
        assertTrue(busy.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(busy.body().contains("\"LOGIN_BUSY\""), busy.body());
    }

    @Test
    void aMiniProgramCodeOutsideWechatsAlphabetNeverReachesWechat() {
        FakeWechatServer wechat = endpoint.fake().orElseThrow();
        wechat.reset();
        for (String code : List.of("code-x&js_code=code-admin", "code-y#frag", "code-a b", "code-%26x", "c\u0000de")) {
            given().contentType(ContentType.JSON).body("{\"code\":" + Parallel.json(code) + "}")
                    .post("/api/v1/auth/mini")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", org.hamcrest.Matchers.oneOf("WECHAT_CODE_INVALID", "TEXT_INVALID_CHARACTER"));
        }
        assertEquals(0, wechat.calls(WechatPaths.JSCODE2SESSION).size());
    }
}
