package org.linli.identity;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Account status and grants are read per request: what staff admins change applies to tokens already issued. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class SessionRevocationTest {

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    MovableClock clock;

    private long community;
    private String username;
    private String token;
    private long staffId;

    @BeforeEach
    void gridWorker() {
        String admin = Api.adminToken();
        community = Api.newCommunity(admin);
        username = Api.unique("rev");
        Api.as(admin).body(Map.of("username", username, "displayName", "网格员", "password", "secret-pass-1",
                "role", "GRID_WORKER")).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        var login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "secret-pass-1")).post("/api/v1/auth/staff");
        token = login.path("token");
        staffId = ((Number) login.path("id")).longValue();
        Api.as(token).get("/api/v1/communities/" + community).then().statusCode(200);
    }

    @Test
    void disablingAnAccountStopsItsTokenAtTheNextRequest() {
        sql("UPDATE staff_account SET enabled = false WHERE id = $1", staffId);
        Api.as(token).get("/api/v1/communities/" + community).then().statusCode(401)
                .body("code", equalTo("ACCOUNT_DISABLED"));
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "secret-pass-1"))
                .post("/api/v1/auth/staff").then().statusCode(403).body("code", equalTo("ACCOUNT_DISABLED"));
    }

    @Test
    void revokingAGrantClosesTheCommunityAtTheNextRequest() {
        sql("DELETE FROM staff_role WHERE staff_id = $1", staffId);
        Api.as(token).get("/api/v1/communities/" + community).then().statusCode(403);
        Api.as(token).get("/api/v1/communities").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aNewRoleAppliesToTheTokenAlreadyIssued() {
        String grid = "{\"name\":\"新网格\"}";
        Api.as(token).body(grid).post("/api/v1/communities/" + community + "/grids").then().statusCode(403);
        sql("UPDATE staff_role SET role = 'COMMITTEE' WHERE staff_id = $1", staffId);
        Api.as(token).body(grid).post("/api/v1/communities/" + community + "/grids").then().statusCode(201);
    }

    @Test
    void aSessionEndsAfterItsMaximumAgeHoweverOftenItIsUsed() {
        try {
            clock.advance(Duration.ofDays(6).plusHours(23));
            Api.as(token).get("/api/v1/communities/" + community).then().statusCode(200);
            clock.advance(Duration.ofHours(1));
            Api.as(token).get("/api/v1/communities/" + community).then().statusCode(401)
                    .body("code", equalTo("TOKEN_INVALID"));
            assertNull(redis.value(String.class).get(SessionStore.key(token)), "an expired session is deleted");
        } finally {
            clock.reset();
        }
    }

    private void sql(String statement, long id) {
        pool.preparedQuery(statement).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
    }
}
