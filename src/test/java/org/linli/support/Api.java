package org.linli.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers for talking to the running app as staff or residents. */
public final class Api {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private Api() {
    }

    public static String staffToken(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/staff")
                .then().statusCode(200)
                .extract().path("token");
    }

    public static String adminToken() {
        return staffToken("admin", ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates a fresh community; returns its id. */
    public static long newCommunity(String adminToken) {
        String code = unique("T");
        Number id = as(adminToken).body(Map.of("code", code, "name", "测试社区" + code))
                .post("/api/v1/communities")
                .then().statusCode(201)
                .extract().path("id");
        return id.longValue();
    }

    /** Creates a staff member with one role in the community and logs them in. */
    public static String newStaff(String adminToken, long communityId, String role) {
        String username = unique("u");
        as(adminToken).body(Map.of("username", username, "displayName", "工作人员", "password", "secret-pass-1",
                        "role", role))
                .post("/api/v1/communities/" + communityId + "/staff")
                .then().statusCode(201);
        return staffToken(username, "secret-pass-1");
    }
}
