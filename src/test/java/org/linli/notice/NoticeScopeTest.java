package org.linli.notice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.community.MembershipStatus;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.notice.NoticeWorld.draft;
import static org.linli.notice.NoticeWorld.scope;
import static org.linli.notice.NoticeWorld.wholeCommunity;

/** Scopes resolve to households, then to residents with VERIFIED memberships; narrow staff stay in their part. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class NoticeScopeTest {

    NoticeWorld w;
    NoticeWorld.Resident in101;
    NoticeWorld.Resident in201;
    NoticeWorld.Resident in2b;
    NoticeWorld.Resident pending;

    @BeforeEach
    void world() {
        w = NoticeWorld.create();
        in101 = w.resident("1号楼/1单元/101");
        in201 = w.resident("1号楼/2单元/201");
        in2b = w.resident("2号楼/1单元/102");
        pending = NoticeWorld.login();
        w.bind(pending.id(), w.household("1号楼/1单元/101"), MembershipStatus.PENDING);
    }

    @Test
    void wholeCommunityReachesEveryHouseholdAndItsVerifiedResidents() {
        Response r = w.publish(w.committee.token(), draft("全社区停水", wholeCommunity()));
        r.then().statusCode(201)
                .body("notice.households", equalTo(NoticeWorld.HOUSEHOLDS))
                .body("notice.scope.kind", equalTo("COMMUNITY"))
                .body("notice.status", equalTo("PUBLISHED"))
                .body("push.recipients", equalTo(NoticeWorld.HOUSEHOLDS + 3))
                .body("push.notBefore", equalTo(null));
        long id = ((Number) r.path("notice.id")).longValue();

        List<Long> expected = new ArrayList<>(w.owners("1号楼/1单元/101", "1号楼/1单元/102", "1号楼/2单元/201",
                "2号楼/1单元/101", "2号楼/1单元/102", "3号楼/1单元/301"));
        expected.addAll(List.of(in101.id(), in201.id(), in2b.id()));
        RecordingOutbox.Call call = single(w.community);
        assertEquals(new HashSet<>(expected), new HashSet<>(call.residentIds()));
        assertEquals("notice:" + id + ":v1", call.message().sourceRef());
        assertEquals("NOTICE", call.message().kind());
        assertEquals("pages/notice/detail?id=" + id, call.message().page());
        assertEquals("停水停电", call.message().fields().get("category"));

        for (NoticeWorld.Resident resident : List.of(in101, in201, in2b)) {
            Api.as(resident.token()).get("/api/v1/notices").then().statusCode(200)
                    .body("items.id", equalTo(List.of((int) id)));
        }
        Api.as(pending.token()).get("/api/v1/notices").then().statusCode(200).body("items", hasSize(0));
        Api.as(pending.token()).get("/api/v1/notices/" + id).then().statusCode(404)
                .body("code", equalTo("NOTICE_NOT_FOUND"));
    }

    @Test
    void gridBuildingUnitAndHouseholdScopesReachOnlyTheirHouseholds() {
        long grid = w.published(draft("第一网格", scope("GRIDS", w.grids.get("第一网格"))));
        long building = w.published(draft("2号楼", scope("BUILDINGS", w.buildings.get("2号楼"))));
        long unit = w.published(draft("1号楼2单元", scope("UNITS", w.units.get("1号楼/2单元"))));
        long rooms = w.published(draft("两户", scope("HOUSEHOLDS", w.household("1号楼/1单元/101"),
                w.household("3号楼/1单元/301"))));

        Api.as(w.committee.token()).get(w.staffPath(grid)).then().body("households", equalTo(3))
                .body("scope.kind", equalTo("GRIDS")).body("scope.ids", equalTo(List.of(w.grids.get("第一网格").intValue())));
        Api.as(w.committee.token()).get(w.staffPath(building)).then().body("households", equalTo(2));
        Api.as(w.committee.token()).get(w.staffPath(unit)).then().body("households", equalTo(1));
        Api.as(w.committee.token()).get(w.staffPath(rooms)).then().body("households", equalTo(2));

        assertEquals(Set.of(grid, rooms), new HashSet<>(seenBy(in101)));
        assertEquals(Set.of(grid, unit), new HashSet<>(seenBy(in201)));
        assertEquals(Set.of(building), new HashSet<>(seenBy(in2b)));
        Api.as(in2b.token()).get("/api/v1/notices/" + grid).then().statusCode(404);
        Api.as(in101.token()).get("/api/v1/notices/" + building).then().statusCode(404);

        List<RecordingOutbox.Call> calls = RecordingOutbox.calls(w.community);
        assertEquals(4, calls.size());
        assertEquals(recipients(w.owners("1号楼/1单元/101", "1号楼/1单元/102", "1号楼/2单元/201"), in101, in201),
                new HashSet<>(calls.get(0).residentIds()));
        assertEquals(recipients(w.owners("2号楼/1单元/101", "2号楼/1单元/102"), in2b),
                new HashSet<>(calls.get(1).residentIds()));
        assertEquals(recipients(w.owners("1号楼/2单元/201"), in201), new HashSet<>(calls.get(2).residentIds()));
        assertEquals(recipients(w.owners("1号楼/1单元/101", "3号楼/1单元/301"), in101),
                new HashSet<>(calls.get(3).residentIds()));
    }

    @Test
    void aResidentOfSeveralHouseholdsIsPushedOnce() {
        NoticeWorld.Resident both = w.resident("1号楼/1单元/101", "1号楼/1单元/102");
        w.published(draft("两户", scope("HOUSEHOLDS", w.household("1号楼/1单元/101"), w.household("1号楼/1单元/102"))));
        List<Long> ids = single(w.community).residentIds();
        assertEquals(1, ids.stream().filter(id -> id == both.id()).count());
        assertEquals(ids.size(), new HashSet<>(ids).size());
    }

    @Test
    void residentsWhoMutedActivityNoticesAreNotPushedThemYetStillFindThem() {
        Api.as(in101.token()).body(Map.of("mutedNotices", List.of("EVENT"))).put("/api/v1/me/reminder-settings")
                .then().statusCode(200).body("mutedNotices", equalTo(List.of("EVENT")))
                .body("mutableNotices", equalTo(List.of("EVENT")));
        Api.as(in201.token()).body(Map.of("mutedNotices", List.of("UTILITIES"))).put("/api/v1/me/reminder-settings")
                .then().statusCode(400).body("code", equalTo("NOTICE_MUTE_NOT_ALLOWED"))
                .body("detail", containsString("停水停电"));
        Api.as(in201.token()).body(Map.of("mutedNotices", List.of("SOMETHING"))).put("/api/v1/me/reminder-settings")
                .then().statusCode(400);
        Api.as(in201.token()).body(Map.of("mutedNotices", Arrays.asList((Object) null)))
                .put("/api/v1/me/reminder-settings").then().statusCode(400)
                .body("code", equalTo("REMINDER_SETTING_INVALID"));
        Api.as(in201.token()).get("/api/v1/me/reminder-settings").then().statusCode(200)
                .body("mutedNotices", hasSize(0));

        Map<String, Object> party = draft("邻里百家宴", wholeCommunity());
        party.put("category", "EVENT");
        Response r = w.publish(w.committee.token(), party);
        r.then().statusCode(201).body("push.recipients", equalTo(NoticeWorld.HOUSEHOLDS + 3))
                .body("push.queued", equalTo(NoticeWorld.HOUSEHOLDS + 2));
        long id = ((Number) r.path("notice.id")).longValue();
        List<Long> pushed = single(w.community).residentIds();
        assertFalse(pushed.contains(in101.id()));
        assertTrue(pushed.contains(in201.id()) && pushed.contains(in2b.id()));
        Api.as(in101.token()).get("/api/v1/notices").then().statusCode(200).body("items.id", equalTo(List.of((int) id)));

        // Changing other settings keeps the muted categories; water cuts and urgent activity notices still come.
        Api.as(in101.token()).body(Map.of("muted", List.of(), "digestAt", "20:00")).put("/api/v1/me/reminder-settings")
                .then().statusCode(200).body("mutedNotices", equalTo(List.of("EVENT")));
        w.published(draft("停水", wholeCommunity()));
        Map<String, Object> cancelled = draft("百家宴因台风取消", wholeCommunity());
        cancelled.put("category", "EVENT");
        cancelled.put("priority", "URGENT");
        w.published(cancelled);
        List<RecordingOutbox.Call> calls = RecordingOutbox.calls(w.community);
        assertEquals(3, calls.size());
        assertTrue(calls.get(1).residentIds().contains(in101.id()));
        assertTrue(calls.get(2).residentIds().contains(in101.id()));
    }

    @Test
    void targetsMustExistInThisCommunity() {
        NoticeWorld other = NoticeWorld.create();
        w.publish(w.committee.token(), draft("别人的楼", scope("BUILDINGS", other.buildings.get("1号楼"))))
                .then().statusCode(400).body("code", equalTo("NOTICE_TARGET_NOT_FOUND"));
        w.publish(w.committee.token(), draft("不存在", scope("HOUSEHOLDS", w.household("1号楼/1单元/101"), 987654321L)))
                .then().statusCode(400).body("code", equalTo("NOTICE_TARGET_NOT_FOUND"));
        w.publish(w.committee.token(), draft("没选", scope("UNITS")))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        w.publish(w.committee.token(), draft("没范围", Map.of()))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        assertEquals(0, RecordingOutbox.calls(w.community).size());
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/notices").then().body("total", equalTo(0));
    }

    @Test
    void aScopeWithoutHouseholdsIsRefused() {
        String admin = Api.adminToken();
        long empty = Api.newCommunity(admin);
        String committee = Api.newStaff(admin, empty, "COMMITTEE");
        Api.as(committee).body(draft("空社区", wholeCommunity())).post("/api/v1/communities/" + empty + "/notices")
                .then().statusCode(400).body("code", equalTo("NOTICE_SCOPE_EMPTY"));
        Api.as(committee).get("/api/v1/communities/" + empty + "/notices").then().body("total", equalTo(0));
        assertEquals(0, RecordingOutbox.calls(empty).size());
        Api.as(admin).body(draft("不存在的社区", wholeCommunity())).post("/api/v1/communities/987654321/notices")
                .then().statusCode(404).body("code", equalTo("COMMUNITY_NOT_FOUND"));
    }

    @Test
    void gridWorkerPublishesOnlyInsideTheirGrid() {
        NoticeWorld.Staff worker = w.staff("GRID_WORKER", w.grids.get("第一网格"), null);
        String t = worker.token();
        w.publish(t, draft("全社区", wholeCommunity())).then().statusCode(403).body("code", equalTo("NOTICE_SCOPE_FORBIDDEN"));
        w.publish(t, draft("别的网格", scope("GRIDS", w.grids.get("第二网格")))).then().statusCode(403);
        w.publish(t, draft("别的楼", scope("BUILDINGS", w.buildings.get("2号楼")))).then().statusCode(403);
        w.publish(t, draft("混合", scope("HOUSEHOLDS", w.household("1号楼/1单元/101"), w.household("2号楼/1单元/101"))))
                .then().statusCode(403);
        assertEquals(0, RecordingOutbox.calls(w.community).size());

        w.publish(t, draft("本网格", scope("GRIDS", w.grids.get("第一网格")))).then().statusCode(201)
                .body("notice.households", equalTo(3));
        w.publish(t, draft("本楼", scope("BUILDINGS", w.buildings.get("1号楼")))).then().statusCode(201);
        w.publish(t, draft("本单元", scope("UNITS", w.units.get("1号楼/2单元")))).then().statusCode(201)
                .body("notice.households", equalTo(1));
        assertEquals(3, RecordingOutbox.calls(w.community).size());
    }

    @Test
    void buildingLeaderPublishesOnlyInsideTheirBuilding() {
        NoticeWorld.Staff leader = w.staff("BUILDING_LEADER", null, w.buildings.get("2号楼"));
        w.publish(leader.token(), draft("网格", scope("GRIDS", w.grids.get("第二网格")))).then().statusCode(403);
        w.publish(leader.token(), draft("3号楼", scope("BUILDINGS", w.buildings.get("3号楼")))).then().statusCode(403);
        w.publish(leader.token(), draft("一户", scope("HOUSEHOLDS", w.household("2号楼/1单元/101")))).then().statusCode(201);
        w.publish(leader.token(), draft("本楼", scope("BUILDINGS", w.buildings.get("2号楼")))).then().statusCode(201)
                .body("notice.households", equalTo(2));
    }

    @Test
    void narrowStaffSeeNoticesTouchingTheirPartAndChangeOnlyTheirOwnPart() {
        NoticeWorld.Staff worker = w.staff("GRID_WORKER", w.grids.get("第一网格"), null);
        long everyone = w.published(draft("全社区", wholeCommunity()));
        long elsewhere = w.published(draft("2号楼", scope("BUILDINGS", w.buildings.get("2号楼"))));
        long inGrid = w.published(draft("1号楼", scope("BUILDINGS", w.buildings.get("1号楼"))));

        Response list = Api.as(worker.token()).get("/api/v1/communities/" + w.community + "/notices");
        list.then().statusCode(200).body("total", equalTo(2));
        assertEquals(List.of(inGrid, everyone), NoticeWorld.ids(list, "items.id"));
        Api.as(worker.token()).get(w.staffPath(elsewhere)).then().statusCode(404);
        Api.as(worker.token()).get(w.staffPath(everyone)).then().statusCode(200);

        Map<String, Object> edit = Map.of("title", "改", "body", "改了", "category", "OTHER");
        Api.as(worker.token()).body(edit).put(w.staffPath(everyone)).then().statusCode(403)
                .body("code", equalTo("NOTICE_SCOPE_FORBIDDEN"));
        Api.as(worker.token()).post(w.staffPath(everyone) + "/withdraw").then().statusCode(403);
        Api.as(worker.token()).post(w.staffPath(elsewhere) + "/withdraw").then().statusCode(404);
        Api.as(worker.token()).body(edit).put(w.staffPath(inGrid)).then().statusCode(200).body("notice.version", equalTo(2));

        // The knocking list of a community-wide notice holds only the worker's own grid.
        Response unread = Api.as(worker.token()).get(w.staffPath(everyone) + "/unread-households");
        unread.then().statusCode(200).body("building", equalTo(List.of("1号楼", "1号楼", "1号楼")));
        Api.as(w.committee.token()).get(w.staffPath(everyone) + "/unread-households").then()
                .body("", hasSize(NoticeWorld.HOUSEHOLDS));
    }

    private static RecordingOutbox.Call single(long community) {
        List<RecordingOutbox.Call> calls = RecordingOutbox.calls(community);
        assertEquals(1, calls.size(), calls.toString());
        return calls.get(0);
    }

    private static Set<Long> recipients(List<Long> owners, NoticeWorld.Resident... residents) {
        Set<Long> all = new HashSet<>(owners);
        for (NoticeWorld.Resident r : residents) {
            all.add(r.id());
        }
        return all;
    }

    private static List<Long> seenBy(NoticeWorld.Resident resident) {
        return NoticeWorld.ids(Api.as(resident.token()).get("/api/v1/notices").then().statusCode(200).extract().response(),
                "items.id");
    }
}
