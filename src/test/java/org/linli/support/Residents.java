package org.linli.support;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** A new resident logged in through the Mini-Program login, with a code the fake WeChat server knows. */
public final class Residents {

    private Residents() {
    }

    public record Session(String token, long id) {
    }

    public static Session login() {
        String openid = Api.unique("openid-");
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        wechat.registerCode("code-" + openid, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        return new Session(login.path("token"), ((Number) login.path("id")).longValue());
    }

    /** Staff with one role in a community, logged in; their id and token. */
    public static Session staff(String adminToken, long communityId, String role) {
        String username = Api.unique("u");
        Api.as(adminToken).body(Map.of("username", username, "displayName", "工作人员", "password", "secret-pass-1",
                "role", role)).post("/api/v1/communities/" + communityId + "/staff").then().statusCode(201);
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "secret-pass-1")).post("/api/v1/auth/staff");
        login.then().statusCode(200);
        return new Session(login.path("token"), ((Number) login.path("id")).longValue());
    }
}
