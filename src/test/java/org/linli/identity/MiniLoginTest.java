package org.linli.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MiniLoginTest {

    @Inject
    FakeWechat endpoint;

    FakeWechatServer wechat;

    @BeforeEach
    void resetFake() {
        wechat = endpoint.fake().orElseThrow();
        wechat.reset();
    }

    private static io.restassured.response.Response login(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/v1/auth/mini");
    }

    @Test
    void codeIsExchangedAtWechatAndTheSessionKeyNeverLeaves() {
        String openid = Api.unique("o-");
        wechat.registerCode("code-" + openid, openid, null);

        String body = login("code-" + openid).then().statusCode(200)
                .body("token", notNullValue())
                .body("kind", equalTo("RESIDENT"))
                .extract().asString();
        assertFalse(body.contains("session"), "session_key must stay on the server: " + body);
        assertEquals(1, wechat.calls(WechatPaths.JSCODE2SESSION).size());
    }

    @Test
    void sameOpenidLogsInAsTheSameResident() {
        String openid = Api.unique("o-");
        wechat.registerCode("first-" + openid, openid, null);
        wechat.registerCode("second-" + openid, openid, null);
        int first = login("first-" + openid).then().statusCode(200).extract().path("id");
        int second = login("second-" + openid).then().statusCode(200).extract().path("id");
        assertEquals(first, second);
    }

    @Test
    void clientCannotChooseItsOpenid() {
        // The request carries only a code; an openid field is ignored and the identity comes from WeChat.
        String openid = Api.unique("o-");
        wechat.registerCode("c-" + openid, openid, null);
        given().contentType(ContentType.JSON).body(Map.of("code", "c-" + openid, "openid", "someone-else"))
                .post("/api/v1/auth/mini").then().statusCode(200);
        assertEquals(openid, wechat.calls(WechatPaths.JSCODE2SESSION).get(0).query().get("js_code")
                .replace("c-", ""));
    }

    @Test
    void invalidOrReusedCodesAre401() {
        login("invalid-code").then().statusCode(401).body("code", equalTo("WECHAT_LOGIN_FAILED"));
        String code = Api.unique("once-");
        login(code).then().statusCode(200);
        login(code).then().statusCode(401).body("code", equalTo("WECHAT_LOGIN_FAILED"));
    }

    @Test
    void wechatOutageIs503NotA500() {
        wechat.failAlways(WechatPaths.JSCODE2SESSION, 45009);
        login(Api.unique("c-")).then().statusCode(503).body("code", equalTo("WECHAT_UNAVAILABLE"));
    }

    @Test
    void residentTokenDoesNotOpenStaffEndpoints() {
        String token = login(Api.unique("c-")).then().statusCode(200).extract().path("token");
        Api.as(token).get("/api/v1/communities").then().statusCode(403).body("code", equalTo("STAFF_ONLY"));
    }

    @Test
    void simultaneousFirstLoginsOfOnePersonMakeOneResident() throws Exception {
        String openid = Api.unique("o-");
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add("par" + i + "-" + openid);
            wechat.registerCode(codes.get(i), openid, null);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            for (var f : pool.invokeAll(codes.stream().map(c -> (java.util.concurrent.Callable<Integer>)
                    () -> login(c).then().statusCode(200).extract().path("id")).toList())) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyCodeIsAValidationProblem() {
        login("").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", not(equalTo("")));
    }
}
