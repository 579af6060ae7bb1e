package org.linli.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.WechatPaths;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** The REST side: consents from the Mini-Program, the in-app inbox, dead letters for the committee. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushApiTest {

    @Inject
    PushWorld world;

    @BeforeEach
    void setUp() {
        world.reset();
    }

    private record Login(String token, long residentId) {
    }

    private Login residentLogin() {
        String openid = unique("mini-");
        world.wechat.registerCode("code-" + openid, openid, null);
        var response = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini").then().statusCode(200).extract();
        return new Login(response.path("token"), ((Number) response.path("id")).longValue());
    }

    @Test
    void theMiniProgramReportsConsentsAndEachSendUsesOne() {
        Login resident = residentLogin();
        Api.as(resident.token()).body(Map.of("templateId", "demo-mini-notice", "count", 2))
                .post("/api/v1/me/push-consents")
                .then().statusCode(200).body("remaining", equalTo(2));
        Api.as(resident.token()).body(Map.of("templateId", "demo-mini-notice", "count", 1))
                .post("/api/v1/me/push-consents")
                .then().statusCode(200).body("remaining", equalTo(3));

        long community = world.community();
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), List.of(resident.residentId()));
        world.drain();
        assertEquals("MINI_SUBSCRIBE", world.delivery(ref, resident.residentId()).getString("channel"));
        Api.as(resident.token()).get("/api/v1/me/push-consents")
                .then().statusCode(200).body("[0].templateId", equalTo("demo-mini-notice"))
                .body("[0].remaining", equalTo(2));
    }

    @Test
    void consentsAreCheckedAndOnlyForResidents() {
        Login resident = residentLogin();
        Api.as(resident.token()).body(Map.of("templateId", "no-such-template", "count", 1))
                .post("/api/v1/me/push-consents")
                .then().statusCode(400).body("code", equalTo("PUSH_TEMPLATE_UNKNOWN"))
                .body("detail", equalTo("订阅消息模板 no-such-template 不存在或未启用。"));
        Api.as(resident.token()).body(Map.of("templateId", "demo-mini-notice", "count", 0))
                .post("/api/v1/me/push-consents")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body(Map.of("templateId", "demo-mini-notice", "count", 1))
                .post("/api/v1/me/push-consents").then().statusCode(401);
        Api.as(Api.adminToken()).body(Map.of("templateId", "demo-mini-notice", "count", 1))
                .post("/api/v1/me/push-consents").then().statusCode(403).body("code", equalTo("RESIDENT_ONLY"));
    }

    @Test
    void whatNoChannelCarriedWaitsInTheInbox() {
        Login resident = residentLogin(); // Mini-Program only, no consent: nothing can be sent
        long community = world.community();
        String ref = unique("notice:");
        world.enqueue(message(community, ref, false), List.of(resident.residentId()));
        world.drain();

        Api.as(resident.token()).get("/api/v1/me/push-inbox")
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].sourceRef", equalTo(ref)).body("[0].title", equalTo("停水通知：3号楼周六停水"))
                .body("[0].page", equalTo("pages/notice/detail?id=1")).body("[0].seen", equalTo(false));
        Api.as(resident.token()).post("/api/v1/me/push-inbox/seen").then().statusCode(200).body("marked", equalTo(1));
        Api.as(resident.token()).get("/api/v1/me/push-inbox").then().body("[0].seen", equalTo(true));
    }

    @Test
    void theCommitteeSeesDeadLettersAndSendsThemAgain() {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        String committee = Api.newStaff(admin, community, "COMMITTEE");
        String gridWorker = Api.newStaff(admin, community, "GRID_WORKER");
        String elsewhere = Api.newStaff(admin, Api.newCommunity(admin), "COMMITTEE");
        var people = world.residents(community, 3, false, true);
        people.forEach(p -> world.wechat.failFor(WechatPaths.TEMPLATE_SEND, p.mpOpenid(), 47003));
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), PushWorld.ids(people));
        world.drain();

        String base = "/api/v1/communities/" + community + "/push/dead-letters";
        Api.as(committee).get(base).then().statusCode(200).body("$", hasSize(3))
                .body("[0].errcode", equalTo(47003)).body("[0].channel", equalTo("MP_TEMPLATE"))
                .body("[0].sourceRef", equalTo(ref)).body("[0].error", not(emptyString()));
        Api.as(gridWorker).get(base).then().statusCode(403);
        Api.as(elsewhere).get(base).then().statusCode(403);
        Api.as(elsewhere).post(base + "/redrive").then().statusCode(403);

        int first = Api.as(committee).get(base + "?limit=1").then().extract().path("[0].id");
        Api.as(committee).get(base + "?before=" + first).then().body("$", hasSize(2));

        world.wechat.clearRules(); // the template was fixed
        Api.as(committee).post(base + "/" + first + "/redrive").then().statusCode(200).body("redriven", equalTo(1));
        Api.as(committee).post(base + "/" + first + "/redrive").then().statusCode(404)
                .body("code", equalTo("PUSH_DEAD_LETTER_NOT_FOUND"));
        Api.as(committee).post(base + "/redrive?errcode=47003").then().statusCode(200).body("redriven", equalTo(2));
        world.drain();
        assertEquals(Map.of("SENT", 3L), world.statuses(ref));
        Api.as(committee).get(base).then().body("$", hasSize(0));
    }
}
