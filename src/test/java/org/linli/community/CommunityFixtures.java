package org.linli.community;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import org.linli.identity.Resident;
import org.linli.support.Api;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Test helpers for the community package: staff with ids, logged-in residents, roster uploads, DB reads. */
final class CommunityFixtures {

    static final Charset GBK = Charset.forName("GBK");

    private CommunityFixtures() {
    }

    record Staff(String token, long id) {
    }

    /** A staff member with one role in the community (optionally narrowed to a grid or building), logged in. */
    static Staff staff(String adminToken, long communityId, String role, Long gridId, Long buildingId) {
        String username = Api.unique("s");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "工作人员",
                "password", "secret-pass-1", "role", role));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        Api.as(adminToken).body(body).post("/api/v1/communities/" + communityId + "/staff").then().statusCode(201);
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "secret-pass-1"))
                .post("/api/v1/auth/staff");
        login.then().statusCode(200);
        return new Staff(login.path("token"), ((Number) login.path("id")).longValue());
    }

    static Staff committee(String adminToken, long communityId) {
        return staff(adminToken, communityId, "COMMITTEE", null, null);
    }

    record ResidentSession(String token, long id) {
    }

    /** A new resident logged in through POST /api/v1/auth/mini, with a code the fake WeChat server knows. */
    static ResidentSession resident() {
        String openid = Api.unique("openid-");
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        wechat.registerCode("code-" + openid, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        return new ResidentSession(login.path("token"), ((Number) login.path("id")).longValue());
    }

    static String residentToken() {
        return resident().token();
    }

    static Response upload(String token, long communityId, byte[] csv) {
        return upload(token, communityId, csv, false);
    }

    static Response upload(String token, long communityId, byte[] csv, boolean dryRun) {
        return given().header("Authorization", "Bearer " + token)
                .contentType("text/csv")
                .queryParam("dryRun", dryRun)
                .body(csv)
                .post("/api/v1/communities/" + communityId + "/roster");
    }

    static byte[] utf8(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs reactive work on a Vert.x context with a Panache session and waits for it. */
    static <T> T db(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw new AssertionError("Database access failed", e);
        }
    }

    /** Households, residents and memberships of a community, to show that something did or did not change. */
    record Counts(long households, long residents, long memberships, long buildings, long units) {
    }

    static Counts counts(long communityId) {
        return db(() -> Household.count("communityId", communityId)
                .chain(h -> Resident.count("communityId", communityId)
                .chain(r -> Membership.count("communityId", communityId)
                .chain(m -> Building.count("communityId", communityId)
                .chain(b -> BuildingUnit.count("communityId", communityId)
                .map(u -> new Counts(h, r, m, b, u)))))));
    }
}
