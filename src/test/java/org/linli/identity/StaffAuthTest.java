package org.linli.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class StaffAuthTest {

    @Test
    void bootstrapAdminLogsInWithConfiguredPassword() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/staff")
                .then().statusCode(200)
                .body("token", notNullValue())
                .body("kind", equalTo("STAFF"))
                .body("grants[0].role", equalTo("ADMIN"));
    }

    @Test
    void wrongPasswordIsRejectedAsProblemJson() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "nope-wrong"))
                .post("/api/v1/auth/staff")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("BAD_CREDENTIALS"))
                .body("detail", containsString("密码"));
        // A good login afterwards resets the counter, so other tests keep working.
        Api.adminToken();
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        String username = Api.unique("lock");
        Api.as(admin).body(Map.of("username", username, "displayName", "委员", "password", "right-password",
                "role", "COMMITTEE")).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);

        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-" + i))
                    .post("/api/v1/auth/staff").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-password"))
                .post("/api/v1/auth/staff")
                .then().statusCode(423)
                .body("code", equalTo("ACCOUNT_LOCKED"))
                .body("detail", containsString("15 分钟"));
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-here", "password", "whatever1"))
                .post("/api/v1/auth/staff")
                .then().statusCode(401).body("code", equalTo("BAD_CREDENTIALS"));
    }

    @Test
    void forgedAndLoggedOutTokensGet401() {
        given().header("Authorization", "Bearer forged-token-123").get("/api/v1/communities")
                .then().statusCode(401).body("code", equalTo("TOKEN_INVALID"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/communities")
                .then().statusCode(401);

        String token = Api.adminToken();
        Api.as(token).get("/api/v1/communities").then().statusCode(200);
        Api.as(token).post("/api/v1/auth/logout").then().statusCode(204);
        Api.as(token).get("/api/v1/communities").then().statusCode(401).body("code", equalTo("TOKEN_INVALID"));
    }

    @Test
    void anonymousCallersMustLogIn() {
        given().get("/api/v1/communities").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void missingFieldsAreAValidationProblem() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin"))
                .post("/api/v1/auth/staff")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("password"));
    }
}
