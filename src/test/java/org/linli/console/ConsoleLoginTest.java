package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console login by cookie: flags, lock-out, CSRF on every form, separation from API tokens, logout. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ConsoleLoginTest {

    private static String newUser(long community, String role) {
        String username = Api.unique("c");
        Api.as(Api.adminToken()).body(Map.of("username", username, "displayName", "王委员", "password", "secret-pass-1",
                "role", role)).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        return username;
    }

    @Test
    void loginSetsAnHttpOnlySameSiteCookieAndOpensTheCommunity() {
        long community = Api.newCommunity(Api.adminToken());
        String user = newUser(community, "COMMITTEE");
        Response r = ConsoleClient.postLogin(user, "secret-pass-1");
        assertEquals(303, r.statusCode());
        String setCookie = r.headers().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(org.linli.identity.ConsoleCookieMechanism.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        assertTrue(!setCookie.contains("Secure"), "no Secure flag outside prod: " + setCookie);

        ConsoleClient me = ConsoleClient.login(user, "secret-pass-1");
        me.page().get("/console").then().statusCode(303).header("Location", endsWith("/console/c/" + community));
        me.page().get("/console/c/" + community).then().statusCode(200)
                .body(containsString("王委员"), containsString("待审核的绑定申请"));
    }

    @Test
    void wrongPasswordsLockTheAccountLikeTheApi() {
        long community = Api.newCommunity(Api.adminToken());
        String user = newUser(community, "COMMITTEE");
        ConsoleClient.postLogin(user, "wrong-one").then().statusCode(401).body(containsString("用户名或密码"));
        for (int i = 0; i < 4; i++) {
            ConsoleClient.postLogin(user, "wrong-one");
        }
        ConsoleClient.postLogin(user, "secret-pass-1").then().statusCode(423).body(containsString("锁定"));
        given().contentType("application/json").body(Map.of("username", user, "password", "secret-pass-1"))
                .post("/api/v1/auth/staff").then().statusCode(423);
    }

    @Test
    void formsWithoutOrWithAWrongTokenAreRefused() {
        long community = Api.newCommunity(Api.adminToken());
        ConsoleClient me = ConsoleClient.login(newUser(community, "COMMITTEE"), "secret-pass-1");
        me.page().post("/console/logout").then().statusCode(403).body(containsString("页面已过期"));
        me.page().formParam("csrf", "forged").post("/console/logout").then().statusCode(403);
        me.page().header("X-CSRF-Token", "forged").post("/console/logout").then().statusCode(403);
        // The session survived the forged logouts.
        me.page().get("/console/c/" + community).then().statusCode(200);
        // The login form needs its own token too.
        given().redirects().follow(false).formParam("username", "admin").formParam("password", Api.ADMIN_PASSWORD)
                .post("/console/login").then().statusCode(403);
    }

    @Test
    void theCookieIsNoBearerTokenAndPagesNeedASession() {
        long community = Api.newCommunity(Api.adminToken());
        ConsoleClient me = ConsoleClient.login(newUser(community, "COMMITTEE"), "secret-pass-1");
        given().header("Authorization", "Bearer " + me.session).get("/api/v1/communities").then().statusCode(401);
        given().redirects().follow(false).get("/console/c/" + community)
                .then().statusCode(303).header("Location", endsWith("/console/login"));
        given().redirects().follow(false).cookie(org.linli.identity.ConsoleCookieMechanism.COOKIE, "made-up").get("/console/c/" + community)
                .then().statusCode(303);
    }

    @Test
    void staffOfAnotherCommunityGetForbidden() {
        long mine = Api.newCommunity(Api.adminToken());
        long other = Api.newCommunity(Api.adminToken());
        ConsoleClient me = ConsoleClient.login(newUser(mine, "COMMITTEE"), "secret-pass-1");
        me.page().get("/console/c/" + other).then().statusCode(403).body(containsString("没有权限"));
    }

    @Test
    void logoutEndsTheSession() {
        long community = Api.newCommunity(Api.adminToken());
        ConsoleClient me = ConsoleClient.login(newUser(community, "COMMITTEE"), "secret-pass-1");
        Response out = me.form().post("/console/logout");
        assertEquals(303, out.statusCode());
        assertNotNull(out.getCookie(org.linli.identity.ConsoleCookieMechanism.COOKIE));
        me.page().get("/console/c/" + community).then().statusCode(303).header("Location", endsWith("/console/login"));
    }
}
