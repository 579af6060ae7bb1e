package org.linli.common;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.Parallel;
import org.linli.support.Residents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

/** Issue 8 §2: requests that answered 500 (or 201, or a bare 400/404) and must be clear problem+json 400s. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BadInputTest {

    static final String PROBLEM = "application/problem+json";

    String admin;
    long community;
    String committee;
    String resident;

    @BeforeEach
    void world() {
        admin = Api.adminToken();
        community = Api.newCommunity(admin);
        committee = Residents.staff(admin, community, "COMMITTEE").token();
        resident = Residents.login().token();
    }

    private Response post(String token, String path, String body) {
        var spec = given().contentType(ContentType.JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.body(body.getBytes(StandardCharsets.UTF_8)).post(path);
    }

    private static void isProblem400(Response response) {
        response.then().statusCode(400).contentType(PROBLEM).body("code", notNullValue()).body("detail", notNullValue());
    }

    @Test
    void nullAndEmptyBodiesAreProblems() {
        String c = "/api/v1/communities/" + community;
        Map<String, String> endpoints = Map.of(
                "/api/v1/auth/staff", "",
                "/api/v1/auth/mini", "",
                "/api/v1/me/memberships", resident,
                "/api/v1/me/push-consents", resident,
                "/api/v1/communities", admin,
                c + "/grids", admin,
                c + "/staff", admin);
        endpoints.forEach((path, token) -> {
            String t = token.isEmpty() ? null : token;
            isProblem400(post(t, path, "null"));
            isProblem400(post(t, path, ""));
            isProblem400(post(t, path, "[]"));
            isProblem400(post(t, path, "\"text\""));
        });
    }

    @Test
    void nulAndLoneSurrogatesInTextAreRefusedAtTheEdge() {
        for (String bad : List.of("a\u0000b", "a\ud800b", "\udc00")) {
            String json = Parallel.json(bad);
            post(null, "/api/v1/auth/staff", "{\"username\":" + json + ",\"password\":\"whatever1\"}")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("TEXT_INVALID_CHARACTER"))
                    .body("errors[0].field", equalTo("username"));
            post(admin, "/api/v1/communities", "{\"code\":\"X1\",\"name\":" + json + "}")
                    .then().statusCode(400).body("code", equalTo("TEXT_INVALID_CHARACTER"));
            post(admin, "/api/v1/communities/" + community + "/grids", "{\"name\":" + json + "}")
                    .then().statusCode(400).body("code", equalTo("TEXT_INVALID_CHARACTER"));
            post(resident, "/api/v1/me/memberships", "{\"code\":\"ABCDEFGH\",\"role\":\"OWNER\",\"displayName\":" + json + "}")
                    .then().statusCode(400).body("code", equalTo("TEXT_INVALID_CHARACTER"));
        }
    }

    @Test
    void jacksonTypeErrorsAndBadParametersAreProblemJson() {
        post(admin, "/api/v1/communities", "{\"code\":{\"x\":1},\"name\":5}")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("BODY_INVALID"));
        post(admin, "/api/v1/communities/" + community + "/grids", "{\"name\":\"一\",\"workerStaffId\":\"abc\"}")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("BODY_INVALID"))
                .body("errors[0].field", equalTo("workerStaffId"));
        post(resident, "/api/v1/me/push-consents", "{\"templateId\":\"x\",\"count\":1e30}")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("BODY_INVALID"));
        post(admin, "/api/v1/communities/" + community + "/grids", "{\"name\":\"一\",\"workerStaffId\":99999999999999999999999}")
                .then().statusCode(400).contentType(PROBLEM);
        post(admin, "/api/v1/communities", "{not json").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("BODY_INVALID"));
        Api.as(committee).queryParam("page", "abc").get("/api/v1/communities/" + community + "/households")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("PARAMETER_INVALID"));
        Api.as(committee).queryParam("status", "NOPE").get("/api/v1/communities/" + community + "/memberships")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("PARAMETER_INVALID"));
        Api.as(committee).get("/api/v1/communities/abc").then().statusCode(400).contentType(PROBLEM);
        // A path that does not exist is still 404.
        Api.as(committee).get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void hugePageNumbersOnEveryPagedListAreRefusedNotOverflowed() {
        String c = "/api/v1/communities/" + community;
        for (String path : List.of(c + "/households", c + "/memberships", c + "/notices")) {
            Api.as(committee).queryParam("page", Integer.MAX_VALUE).queryParam("size", 500).get(path)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("VALIDATION_FAILED"));
        }
        Api.as(resident).queryParam("page", Integer.MAX_VALUE).get("/api/v1/notices")
                .then().statusCode(400).contentType(PROBLEM);
        Api.as(committee).queryParam("page", org.linli.community.Page.MAX_PAGE).queryParam("size", 500).get(c + "/households")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aPublishDateInTheYear999999999IsABadRequest() {
        for (String at : List.of("+999999999-01-01T00:00:00+08:00", "999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
            post(committee, "/api/v1/communities/" + community + "/notices",
                    "{\"title\":\"停水\",\"body\":\"明天停水\",\"category\":\"UTILITIES\",\"scope\":{\"kind\":\"COMMUNITY\"},"
                            + "\"publishAt\":\"" + at + "\"}")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("code", at.startsWith("999") ? oneOf("DATE_OUT_OF_RANGE", "BODY_INVALID")
                            : equalTo("DATE_OUT_OF_RANGE"));
        }
    }

    @Test
    void aGridWorkerMustBeAGridWorkerOfThisCommunity() {
        String grids = "/api/v1/communities/" + community + "/grids";
        long otherCommunity = Api.newCommunity(admin);
        long foreignWorker = Residents.staff(admin, otherCommunity, "GRID_WORKER").id();
        long committeeMember = Residents.staff(admin, community, "COMMITTEE").id();
        for (long worker : List.of(foreignWorker, committeeMember, 987654321L)) {
            post(admin, grids, "{\"name\":\"网格" + worker + "\",\"workerStaffId\":" + worker + "}")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("GRID_WORKER_INVALID"));
        }
        long worker = Residents.staff(admin, community, "GRID_WORKER").id();
        post(admin, grids, "{\"name\":\"第一网格\",\"workerStaffId\":" + worker + "}")
                .then().statusCode(201).body("workerStaffId", equalTo((int) worker));
    }

    @Test
    void anEmptyBuildingAssignmentDoesNotUnassign() {
        given().header("Authorization", "Bearer " + committee).contentType("text/csv")
                .body("楼栋,单元,房号,面积,业主姓名,电话,网格\n1号楼,1单元,101,90,张三,,第一网格\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        List<Map<String, Object>> buildings = Api.as(committee).get("/api/v1/communities/" + community + "/buildings")
                .then().statusCode(200).extract().path("");
        Number building = (Number) buildings.get(0).get("id");
        String path = "/api/v1/communities/" + community + "/buildings/" + building + "/grid";
        Api.as(committee).body(new byte[0]).put(path).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("GRID_ASSIGNMENT_REQUIRED"));
        Api.as(committee).body("null").put(path).then().statusCode(400).contentType(PROBLEM);
        Api.as(committee).body("{}").put(path).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("BODY_INVALID"));
        Api.as(committee).get("/api/v1/communities/" + community + "/buildings").then()
                .body("[0].gridId", notNullValue());
        Api.as(committee).body("{\"gridId\":null}").put(path).then().statusCode(200).body("gridId", nullValue());
    }

    @Test
    void invisibleCharactersInNamesAreRefused() {
        for (String name : List.of("第一\u202E网格", "第一\u200B网格", "第一\u2066网格", "第一\n网格")) {
            post(admin, "/api/v1/communities/" + community + "/grids", "{\"name\":" + Parallel.json(name) + "}")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].field", equalTo("name"));
        }
        given().header("Authorization", "Bearer " + committee).contentType("text/csv")
                .body("楼栋,单元,房号,面积,业主姓名,电话\n1号楼,1单元,10\u202E1,90,张三,\n2号楼,1单元,201,90,李\u200D四,\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster")
                .then().statusCode(422).body("code", equalTo("ROSTER_INVALID"))
                .body("errors.code", equalTo(List.of("ROSTER_ROW_INVISIBLE", "ROSTER_ROW_INVISIBLE")))
                .body("errors.row", equalTo(List.of(2, 3)));
    }

    @Test
    void responsesForbidSniffingAndApiResponsesAreNotCached() {
        Api.as(committee).get("/api/v1/communities/" + community).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/api/v1/communities").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/q/health/live").then().header("X-Content-Type-Options", "nosniff");
    }
}
