package org.linli.community;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Staff see and change only their own community. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class CommunityIsolationTest {

    @Test
    void staffOfOneCommunityCannotReadOrChangeAnother() {
        String admin = Api.adminToken();
        long a = Api.newCommunity(admin);
        long b = Api.newCommunity(admin);
        String committeeA = Api.newStaff(admin, a, "COMMITTEE");

        Api.as(committeeA).get("/api/v1/communities").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo((int) a));
        Api.as(committeeA).get("/api/v1/communities/" + a).then().statusCode(200);
        Api.as(committeeA).get("/api/v1/communities/" + b).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        Api.as(committeeA).get("/api/v1/communities/" + b + "/grids").then().statusCode(403);
        Api.as(committeeA).get("/api/v1/communities/" + b + "/staff").then().statusCode(403);
        Api.as(committeeA).body(Map.of("name", "入侵网格")).post("/api/v1/communities/" + b + "/grids")
                .then().statusCode(403);
        Api.as(admin).get("/api/v1/communities/" + b + "/grids").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void onlyThePlatformAdminCreatesCommunitiesAndOnlyAdminsGrantAdmin() {
        String admin = Api.adminToken();
        long a = Api.newCommunity(admin);
        String committee = Api.newStaff(admin, a, "COMMITTEE");
        Api.as(committee).body(Map.of("code", Api.unique("X"), "name", "新社区")).post("/api/v1/communities")
                .then().statusCode(403);
        Api.as(committee).body(Map.of("username", Api.unique("boss"), "displayName", "x", "password", "password-123",
                "role", "ADMIN")).post("/api/v1/communities/" + a + "/staff").then().statusCode(403);
        Api.as(committee).body(Map.of("username", Api.unique("gw"), "displayName", "网格员", "password", "password-123",
                "role", "GRID_WORKER")).post("/api/v1/communities/" + a + "/staff").then().statusCode(201);
    }

    @Test
    void staffCanOnlyBeNarrowedToAGridOrBuildingOfTheirOwnCommunity() {
        String admin = Api.adminToken();
        long a = Api.newCommunity(admin);
        long b = Api.newCommunity(admin);
        long gridOfB = ((Number) Api.as(admin).body(Map.of("name", "第一网格"))
                .post("/api/v1/communities/" + b + "/grids").then().statusCode(201).extract().path("id")).longValue();
        long gridOfA = ((Number) Api.as(admin).body(Map.of("name", "第一网格"))
                .post("/api/v1/communities/" + a + "/grids").then().statusCode(201).extract().path("id")).longValue();

        Api.as(admin).body(newStaff("GRID_WORKER", "gridId", gridOfB)).post("/api/v1/communities/" + a + "/staff")
                .then().statusCode(400).body("code", equalTo("STAFF_GRANT_TARGET_UNKNOWN"));
        Api.as(admin).body(newStaff("BUILDING_LEADER", "buildingId", 999_999_999L))
                .post("/api/v1/communities/" + a + "/staff")
                .then().statusCode(400).body("code", equalTo("STAFF_GRANT_TARGET_UNKNOWN"));
        Api.as(admin).body(newStaff("COMMITTEE", "gridId", gridOfA)).post("/api/v1/communities/" + a + "/staff")
                .then().statusCode(400).body("code", equalTo("STAFF_GRANT_NARROWING_MISMATCH"));
        Api.as(admin).body(newStaff("GRID_WORKER", "gridId", gridOfA)).post("/api/v1/communities/" + a + "/staff")
                .then().statusCode(201);
    }

    private static Map<String, Object> newStaff(String role, String narrowedBy, long id) {
        return Map.of("username", Api.unique("gw"), "displayName", "网格员", "password", "password-123", "role", role,
                narrowedBy, id);
    }

    @Test
    void gridWorkersCannotCreateGrids() {
        String admin = Api.adminToken();
        long a = Api.newCommunity(admin);
        String worker = Api.newStaff(admin, a, "GRID_WORKER");
        Api.as(worker).body(Map.of("name", "新网格")).post("/api/v1/communities/" + a + "/grids").then().statusCode(403);
        Api.as(worker).get("/api/v1/communities/" + a + "/grids").then().statusCode(200);
    }

    @Test
    void duplicateCommunityCodeIsAConflict() {
        String admin = Api.adminToken();
        String code = Api.unique("D");
        Api.as(admin).body(Map.of("code", code, "name", "一")).post("/api/v1/communities").then().statusCode(201);
        Api.as(admin).body(Map.of("code", code, "name", "二")).post("/api/v1/communities").then().statusCode(409)
                .body("code", equalTo("COMMUNITY_CODE_TAKEN"));
    }
}
