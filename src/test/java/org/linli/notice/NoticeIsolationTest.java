package org.linli.notice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.notice.NoticeWorld.draft;
import static org.linli.notice.NoticeWorld.wholeCommunity;

/** Community A's staff and residents neither see nor touch community B's notices. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class NoticeIsolationTest {

    @Test
    void staffOfOneCommunityCannotReadOrPublishInAnother() {
        NoticeWorld a = NoticeWorld.create();
        NoticeWorld b = NoticeWorld.create();
        long inB = b.published(draft("B 的通知", wholeCommunity()));
        String staffA = a.committee.token();
        String bNotices = "/api/v1/communities/" + b.community + "/notices";

        a.publish(staffA, draft("越界", wholeCommunity())).then().statusCode(201);
        Api.as(staffA).body(draft("越界", wholeCommunity())).post(bNotices).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        Api.as(staffA).get(bNotices).then().statusCode(403);
        Api.as(staffA).get(bNotices + "/" + inB).then().statusCode(403);
        Api.as(staffA).get(bNotices + "/" + inB + "/stats").then().statusCode(403);
        Api.as(staffA).get(bNotices + "/" + inB + "/unread-households").then().statusCode(403);
        Api.as(staffA).post(bNotices + "/" + inB + "/withdraw").then().statusCode(403);
        Api.as(staffA).body(Map.of("title", "改", "body", "改", "category", "OTHER")).put(bNotices + "/" + inB)
                .then().statusCode(403);
        // B's notice id under A's own path: as if it did not exist.
        Api.as(staffA).get(a.staffPath(inB)).then().statusCode(404).body("code", equalTo("NOTICE_NOT_FOUND"));
        Api.as(staffA).get(a.staffPath(inB) + "/stats").then().statusCode(404);
        Api.as(staffA).get(a.staffPath(inB) + "/versions").then().statusCode(404);
        Api.as(staffA).post(a.staffPath(inB) + "/withdraw").then().statusCode(404);
        Api.as(staffA).body(Map.of("title", "改", "body", "改", "category", "OTHER")).put(a.staffPath(inB))
                .then().statusCode(404);

        Api.as(b.committee.token()).get(b.staffPath(inB)).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("version", equalTo(1));
        Api.as(staffA).get("/api/v1/communities/" + a.community + "/notices").then().body("total", equalTo(1));
        assertEquals(1, RecordingOutbox.calls(b.community).size());
    }

    @Test
    void aResidentOfOneCommunityCannotReadAnothersNotice() {
        NoticeWorld a = NoticeWorld.create();
        NoticeWorld b = NoticeWorld.create();
        NoticeWorld.Resident residentA = a.resident("1号楼/1单元/101");
        long inA = a.published(draft("A 的通知", wholeCommunity()));
        long inB = b.published(draft("B 的通知", wholeCommunity()));

        Api.as(residentA.token()).get("/api/v1/notices").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo((int) inA));
        Api.as(residentA.token()).get("/api/v1/notices/" + inB).then().statusCode(404)
                .body("code", equalTo("NOTICE_NOT_FOUND"));
        Api.as(residentA.token()).post("/api/v1/notices/" + inB + "/ack").then().statusCode(404);
        Api.as(b.committee.token()).get(b.staffPath(inB) + "/stats").then().body("read", equalTo(0));
    }

    @Test
    void residentAndStaffEndpointsAreKeptApart() {
        NoticeWorld a = NoticeWorld.create();
        NoticeWorld.Resident resident = a.resident("1号楼/1单元/101");
        long id = a.published(draft("通知", wholeCommunity()));

        given().get("/api/v1/notices").then().statusCode(401);
        given().get(a.staffPath(id)).then().statusCode(401);
        Api.as(a.committee.token()).get("/api/v1/notices").then().statusCode(403).body("code", equalTo("RESIDENT_ONLY"));
        Api.as(resident.token()).get(a.staffPath(id)).then().statusCode(403).body("code", equalTo("STAFF_ONLY"));
        a.publish(resident.token(), draft("居民发通知", wholeCommunity())).then().statusCode(403);
    }
}
