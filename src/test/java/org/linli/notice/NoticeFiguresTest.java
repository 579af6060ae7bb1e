package org.linli.notice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.community.MembershipStatus;
import org.linli.push.PushWorld;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.notice.NoticeWorld.draft;
import static org.linli.notice.NoticeWorld.scope;

/** Staff figures of an urgent notice, and the households to knock on, as JSON and as an Excel-ready CSV. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class NoticeFiguresTest {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Inject
    PushWorld push;

    @Test
    void deliveryFiguresComeFromThePushEngine() {
        NoticeWorld w = NoticeWorld.create();
        NoticeWorld.Resident subscriber = w.resident("1号楼/1单元/101");
        w.resident("1号楼/1单元/101");
        Api.as(subscriber.token()).body(Map.of("templateId", "demo-mini-notice", "count", 1))
                .post("/api/v1/me/push-consents").then().statusCode(200);
        long id = w.published(draft("电梯维保", scope("HOUSEHOLDS", w.household("1号楼/1单元/101"))));
        int recipients = Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then()
                .body("delivery.pending", equalTo(3)).body("delivery.delivered", equalTo(0))
                .extract().path("delivery.recipients");
        assertEquals(3, recipients, "the roster owner and the two residents who bound the flat");

        push.deliverDue();

        // The subscriber's one-time consent carries a Mini-Program message; the others have no WeChat channel open.
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("delivery.pending", equalTo(0)).body("delivery.delivered", equalTo(3))
                .body("delivery.sent", equalTo(1)).body("delivery.inApp", equalTo(2))
                .body("delivery.failed", equalTo(0))
                .body("delivery.byChannel.MINI_SUBSCRIBE", equalTo(1)).body("delivery.byChannel.IN_APP", equalTo(2));
    }

    @Test
    void figuresAndTheHouseholdsNobodyHasRead() {
        NoticeWorld w = NoticeWorld.create();
        NoticeWorld.Resident a = w.resident("1号楼/1单元/101");
        NoticeWorld.Resident b = w.resident("1号楼/1单元/101");
        NoticeWorld.Resident c = w.resident("1号楼/2单元/201");
        w.resident("2号楼/1单元/101");
        NoticeWorld.Resident pending = NoticeWorld.login();
        w.bind(pending.id(), w.household("1号楼/1单元/102"), MembershipStatus.PENDING);

        Map<String, Object> d = draft("燃气泄漏排查", scope("GRIDS", w.grids.get("第一网格")));
        d.put("priority", "URGENT");
        d.put("category", "SAFETY");
        d.put("requiresAck", true);
        long id = w.published(d);
        RecordingOutbox.Call call = RecordingOutbox.calls(w.community).get(0);
        assertEquals(true, call.message().urgent());

        Api.as(a.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        Api.as(b.token()).post("/api/v1/notices/" + id + "/ack").then().statusCode(200);
        Api.as(pending.token()).get("/api/v1/notices/" + id).then().statusCode(404);

        // 1号楼 has 3 households; their VERIFIED residents: 3 roster owners, a and b in 101, c in 201.
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("noticeId", equalTo((int) id)).body("status", equalTo("PUBLISHED"))
                .body("households", equalTo(3)).body("residents", equalTo(6))
                .body("read", equalTo(2)).body("acknowledged", equalTo(1)).body("unreadHouseholds", equalTo(2))
                .body("delivery.recipients", equalTo(6)).body("delivery.queued", equalTo(6));

        Api.as(w.committee.token()).get(w.staffPath(id) + "/unread-households").then().statusCode(200)
                .body("building", equalTo(List.of("1号楼", "1号楼")))
                .body("unit", equalTo(List.of("1单元", "2单元")))
                .body("room", equalTo(List.of("102", "201")))
                .body("residents", equalTo(List.of(1, 2)));

        Response csv = Api.as(w.committee.token()).queryParam("format", "csv")
                .get(w.staffPath(id) + "/unread-households");
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"unread-households-" + id + ".csv\""));
        byte[] bytes = csv.asByteArray();
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3));
        assertEquals("楼栋,单元,房号,住户数\r\n1号楼,1单元,102,1\r\n1号楼,2单元,201,2\r\n",
                new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));

        Response byAccept = Api.as(w.committee.token()).accept("text/csv").get(w.staffPath(id) + "/unread-households");
        byAccept.then().statusCode(200).contentType(startsWith("text/csv"));
        assertArrayEquals(bytes, byAccept.asByteArray());

        Api.as(c.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        Response after = Api.as(w.committee.token()).queryParam("format", "csv").get(w.staffPath(id) + "/unread-households");
        assertEquals("楼栋,单元,房号,住户数\r\n1号楼,1单元,102,1\r\n",
                new String(after.asByteArray(), 3, after.asByteArray().length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void buildingLeadersGetTheirOwnBuildingsList() {
        NoticeWorld w = NoticeWorld.create();
        NoticeWorld.Staff leader = w.staff("BUILDING_LEADER", null, w.buildings.get("2号楼"));
        Map<String, Object> d = draft("紧急停电", NoticeWorld.wholeCommunity());
        d.put("priority", "URGENT");
        long id = w.published(d);
        Api.as(leader.token()).get(w.staffPath(id) + "/unread-households").then().statusCode(200)
                .body("building", equalTo(List.of("2号楼", "2号楼"))).body("room", equalTo(List.of("101", "102")));
        // The figures cover the same households as the list: 2号楼's two, not the community's six.
        Api.as(leader.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("households", equalTo(2)).body("unreadHouseholds", equalTo(2))
                .body("delivery", nullValue());
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("households", equalTo(NoticeWorld.HOUSEHOLDS)).body("delivery.recipients", notNullValue());
    }

    @Test
    void gridWorkersCountTheirGridOnlyInFiguresListsAndHouseholds() {
        NoticeWorld w = NoticeWorld.create();
        NoticeWorld.Staff worker = w.staff("GRID_WORKER", w.grids.get("第一网格"), null);
        NoticeWorld.Resident inGrid = w.resident("1号楼/1单元/101");
        NoticeWorld.Resident outside = w.resident("2号楼/1单元/101");
        Map<String, Object> d = draft("全体居民会议", NoticeWorld.wholeCommunity());
        d.put("priority", "URGENT");
        long id = w.published(d);
        Api.as(inGrid.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        Api.as(outside.token()).get("/api/v1/notices/" + id).then().statusCode(200);

        // 第一网格 = 1号楼: 3 households, 3 roster owners + inGrid verified; one read (inGrid), 2 unread households.
        Api.as(worker.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("households", equalTo(3)).body("residents", equalTo(4)).body("read", equalTo(1))
                .body("unreadHouseholds", equalTo(2));
        Api.as(worker.token()).get(w.staffPath(id) + "/unread-households").then().statusCode(200)
                .body("size()", equalTo(2));
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().statusCode(200)
                .body("households", equalTo(6)).body("read", equalTo(2)).body("unreadHouseholds", equalTo(4));

        Api.as(worker.token()).get("/api/v1/communities/" + w.community + "/households").then().statusCode(200)
                .body("total", equalTo(3)).body("items.building", everyItem(equalTo("1号楼")));
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/households").then()
                .statusCode(200).body("total", equalTo(6));
    }
}
