package org.linli.console;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.linli.support.Api;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A fresh community for console tests, imported from a roster through the API: 第一网格 holds 1号楼, 第二网格 holds
 * 2号楼. Staff are created with a username so they can log in to the console.
 */
final class ConsoleWorld {

    static final String ROSTER = """
            楼栋,单元,房号,面积,业主姓名,电话,网格
            1号楼,1单元,101,89.5,张一,,第一网格
            1号楼,1单元,102,76,张二,,第一网格
            2号楼,1单元,201,120,李四,,第二网格
            """;

    final String admin = Api.adminToken();
    final long community = Api.newCommunity(admin);
    final String committee = staff("COMMITTEE", null, null);
    final String committeeToken = Api.staffToken(committee, "secret-pass-1");
    final Map<String, Long> grids = new HashMap<>();
    final Map<String, Long> buildings = new HashMap<>();

    ConsoleWorld() {
        given().header("Authorization", "Bearer " + committeeToken).contentType("text/csv")
                .body(ROSTER.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        List<Map<String, Object>> gs = Api.as(admin).get("/api/v1/communities/" + community + "/grids").path("");
        gs.forEach(g -> grids.put((String) g.get("name"), ((Number) g.get("id")).longValue()));
        List<Map<String, Object>> bs = Api.as(admin).get("/api/v1/communities/" + community + "/buildings").path("");
        bs.forEach(b -> buildings.put((String) b.get("name"), ((Number) b.get("id")).longValue()));
    }

    /** A staff member with one role here; answers the username (password secret-pass-1). */
    String staff(String role, Long gridId, Long buildingId) {
        String username = Api.unique("w");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "工作人员" + role,
                "password", "secret-pass-1", "role", role));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        Api.as(admin).body(body).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        return username;
    }

    ConsoleClient console(String username) {
        return ConsoleClient.login(username, "secret-pass-1");
    }

    /** A Mini-Program resident claiming a household of a building (the first one) with a fresh invite code. */
    String claim(String building, String name) {
        List<Map<String, Object>> codes = Api.as(committeeToken)
                .post("/api/v1/communities/" + community + "/invites?building=" + buildings.get(building))
                .then().statusCode(201).extract().path("");
        String resident = given().contentType(ContentType.JSON).body(Map.of("code", Api.unique("mini")))
                .post("/api/v1/auth/mini").then().statusCode(200).extract().path("token");
        Response claimed = Api.as(resident).body(Map.of("code", codes.get(0).get("code"), "role", "FAMILY",
                "displayName", name)).post("/api/v1/me/memberships");
        claimed.then().statusCode(201);
        return resident;
    }
}
