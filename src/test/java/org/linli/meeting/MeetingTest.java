package org.linli.meeting;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;
import org.linli.support.WechatCallbacks;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Meetings end to end over HTTP: invitations and pushes, reach, RSVP, QR and hand check-in, minutes, cancel. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MeetingTest {

    @Inject
    MovableClock clock;

    @Inject
    MeetingSchedule schedule;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String inHours(long hours) {
        return OffsetDateTime.now(clock).plusHours(hours).toString();
    }

    @Test
    void aMeetingForABuildingInvitesItsVerifiedResidentsAndPushesToThemOnly() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident b = w.resident("李先生", "1号楼/2单元/201");
        MeetingWorld.Resident c = w.resident("赵女士", "2号楼/1单元/101");

        Response created = w.create(w.committee, MeetingWorld.draft("加装电梯议事会", inHours(48),
                MeetingWorld.scope("BUILDINGS", w.buildings.get("1号楼")), null));
        created.then().statusCode(201)
                .header("Location", containsString("/meetings/"))
                .body("scopeKind", equalTo("BUILDINGS"))
                .body("status", equalTo("UPCOMING"))
                .body("counts.invited", equalTo(5))
                .body("counts.unanswered", equalTo(5))
                .body("counts.attended", equalTo(0));
        long id = ((Number) created.path("id")).longValue();
        // Staff follow the invitation's delivery (push workers are off in tests: all waiting).
        Api.as(w.committee).get(w.path(id)).then().statusCode(200)
                .body("invitations.total", equalTo(5)).body("invitations.pending", equalTo(5))
                .body("invitations.sent", equalTo(0));

        List<Long> expected = new ArrayList<>(w.owners("1号楼/1单元/101", "1号楼/1单元/102", "1号楼/2单元/201"));
        expected.add(a.id());
        expected.add(b.id());
        expected.sort(Long::compare);
        String ref = "meeting:" + id + ":invite";
        assertEquals(expected, w.pushedTo(ref));
        assertFalse(w.pushedTo(ref).contains(c.id()));
        assertEquals("MEETING_INVITE", w.pushKind(ref));

        Api.as(w.committee).get(w.path()).then().statusCode(200).body("id", hasItem((int) id));
        Api.as(w.committee).get(w.path() + "?when=past").then().statusCode(200).body("id", not(hasItem((int) id)));
        Api.as(w.committee).get(w.path() + "?when=sometime").then().statusCode(400);
        Api.as(c.token()).get("/api/v1/meetings/" + id).then().statusCode(404).body("code", equalTo("MEETING_NOT_FOUND"));
        Api.as(a.token()).get("/api/v1/meetings").then().statusCode(200).body("id", hasItem((int) id));
    }

    @Test
    void badAudiencesAndTimesAreRefusedWithClearCodes() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident stranger = w.resident("路人");
        Map<String, Object> both = MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("COMMUNITY"), List.of(a.id()));
        w.create(w.committee, both).then().statusCode(400).body("code", equalTo("MEETING_AUDIENCE_INVALID"))
                .body("detail", containsString("参会范围"));
        w.create(w.committee, MeetingWorld.draft("会", inHours(5), null, null)).then().statusCode(400)
                .body("code", equalTo("MEETING_AUDIENCE_INVALID"));
        w.create(w.committee, MeetingWorld.draft("会", inHours(-3), MeetingWorld.scope("COMMUNITY"), null))
                .then().statusCode(400).body("code", equalTo("MEETING_STARTS_IN_PAST"));
        Map<String, Object> ends = MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("COMMUNITY"), null);
        ends.put("endsAt", inHours(4));
        w.create(w.committee, ends).then().statusCode(400).body("code", equalTo("MEETING_ENDS_BEFORE_START"));
        w.create(w.committee, MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("BUILDINGS", 999_999_999L), null))
                .then().statusCode(400).body("code", equalTo("MEETING_TARGET_NOT_FOUND"));
        w.create(w.committee, MeetingWorld.draft("会", inHours(5), null, List.of(a.id(), stranger.id())))
                .then().statusCode(400).body("code", equalTo("MEETING_INVITEE_NOT_MEMBER"));
    }

    @Test
    void aGridWorkerInvitesOnlyWithinTheirGridAndSeesOnlyThoseMeetings() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident c = w.resident("赵女士", "2号楼/1单元/101");
        String worker = w.staff("GRID_WORKER", w.grids.get("第一网格"), null);

        w.create(worker, MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("BUILDINGS", w.buildings.get("2号楼")), null))
                .then().statusCode(403).body("code", equalTo("MEETING_SCOPE_FORBIDDEN"));
        w.create(worker, MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("COMMUNITY"), null))
                .then().statusCode(403).body("code", equalTo("MEETING_SCOPE_FORBIDDEN"));
        w.create(worker, MeetingWorld.draft("会", inHours(5), null, List.of(c.id())))
                .then().statusCode(403).body("code", equalTo("MEETING_SCOPE_FORBIDDEN"));

        Response mine = w.create(worker, MeetingWorld.draft("一号楼楼道议事", inHours(5), null, List.of(a.id())));
        mine.then().statusCode(201).body("scopeKind", equalTo("RESIDENTS")).body("counts.invited", equalTo(1));
        long mineId = ((Number) mine.path("id")).longValue();
        assertEquals(List.of(a.id()), w.pushedTo("meeting:" + mineId + ":invite"));
        w.create(worker, MeetingWorld.draft("第一网格会", inHours(6), MeetingWorld.scope("GRIDS", w.grids.get("第一网格")), null))
                .then().statusCode(201);

        long other = w.created(MeetingWorld.draft("二号楼议事", inHours(5),
                MeetingWorld.scope("BUILDINGS", w.buildings.get("2号楼")), null));
        Api.as(worker).get(w.path(other)).then().statusCode(404).body("code", equalTo("MEETING_NOT_FOUND"));
        Api.as(worker).post(w.path(other) + "/cancel").then().statusCode(404);
        Api.as(worker).get(w.path()).then().statusCode(200).body("id", hasItem((int) mineId)).body("id", not(hasItem((int) other)));
        Api.as(w.committee).get(w.path()).then().statusCode(200).body("id", hasItem((int) mineId)).body("id", hasItem((int) other));
    }

    @Test
    void aBuildingLeaderSeesAMeetingReachingTheirBuildingButChangesOnlyMeetingsWhollyInIt() {
        MeetingWorld w = MeetingWorld.create();
        w.resident("王阿姨", "1号楼/1单元/101");
        String leader = w.staff("BUILDING_LEADER", null, w.buildings.get("1号楼"));
        w.create(leader, MeetingWorld.draft("会", inHours(5), MeetingWorld.scope("BUILDINGS", w.buildings.get("2号楼")), null))
                .then().statusCode(403).body("code", equalTo("MEETING_SCOPE_FORBIDDEN"));
        Response own = w.create(leader, MeetingWorld.draft("一单元议事", inHours(5),
                MeetingWorld.scope("UNITS", unitOf(w, "1号楼/1单元")), null));
        own.then().statusCode(201);
        long both = w.created(MeetingWorld.draft("两栋楼议事", inHours(5),
                MeetingWorld.scope("BUILDINGS", w.buildings.get("1号楼"), w.buildings.get("2号楼")), null));
        Api.as(leader).get(w.path(both)).then().statusCode(200).body("counts.invited", equalTo(6));
        Api.as(leader).post(w.path(both) + "/cancel").then().statusCode(403).body("code", equalTo("MEETING_SCOPE_FORBIDDEN"));
        Api.as(leader).post(w.path(((Number) own.path("id")).longValue()) + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void aMeetingWhosePushCannotBeQueuedIsNotCreated() {
        MeetingWorld w = MeetingWorld.create();
        w.resident("王阿姨", "1号楼/1单元/101");
        org.linli.notice.RecordingOutbox.failNextEnqueue(w.community);
        w.create(w.committee, MeetingWorld.draft("议事会", inHours(5), MeetingWorld.scope("COMMUNITY"), null))
                .then().statusCode(500);
        assertEquals(0L, MeetingWorld.rows("select count(*) as n from meeting where community_id = $1",
                Tuple.of(w.community)).get(0).getLong("n"));
        w.create(w.committee, MeetingWorld.draft("议事会", inHours(5), MeetingWorld.scope("COMMUNITY"), null))
                .then().statusCode(201).body("counts.invited", equalTo(7));
    }

    @Test
    void inviteesAnswerAndMayChangeTheirAnswerUntilTheStart() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident b = w.resident("李先生", "1号楼/2单元/201");
        MeetingWorld.Resident c = w.resident("赵女士", "2号楼/1单元/101");
        long id = w.created(MeetingWorld.draft("议事会", inHours(3), null, List.of(a.id(), b.id())));
        String rsvp = "/api/v1/meetings/" + id + "/rsvp";

        Api.as(a.token()).body(Map.of("answer", "YES")).put(rsvp).then().statusCode(200)
                .body("rsvp", equalTo("YES")).body("invited", equalTo(true));
        Api.as(a.token()).body(Map.of("answer", "MAYBE")).put(rsvp).then().statusCode(200).body("rsvp", equalTo("MAYBE"));
        Api.as(b.token()).body(Map.of("answer", "NO")).put(rsvp).then().statusCode(200);
        Api.as(c.token()).body(Map.of("answer", "YES")).put(rsvp).then().statusCode(404)
                .body("code", equalTo("MEETING_NOT_FOUND"));
        Api.as(a.token()).body(Map.of("answer", "PERHAPS")).put(rsvp).then().statusCode(400);
        Api.as(a.token()).body("{}").put(rsvp).then().statusCode(400);
        Api.as(w.committee).get(w.path(id)).then().statusCode(200)
                .body("counts.yes", equalTo(0)).body("counts.maybe", equalTo(1)).body("counts.no", equalTo(1))
                .body("counts.unanswered", equalTo(0));

        clock.advance(Duration.ofHours(3).plusMinutes(1));
        Api.as(a.token()).body(Map.of("answer", "YES")).put(rsvp).then().statusCode(409)
                .body("code", equalTo("MEETING_RSVP_CLOSED")).body("detail", containsString("已经开始"));
        Api.as(a.token()).get("/api/v1/meetings/" + id).then().statusCode(200)
                .body("rsvp", equalTo("MAYBE")).body("status", equalTo("ONGOING"));
    }

    @Test
    void scanningTheQrCodeChecksInOnceAndWalkInsAndStrangersAreTreatedPolitely() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        long id = w.created(MeetingWorld.draft("加装电梯议事会", inHours(48),
                MeetingWorld.scope("BUILDINGS", w.buildings.get("1号楼")), null));
        MeetingWorld.Resident walkIn = w.resident("新住户", "1号楼/1单元/102");
        MeetingWorld.Resident outside = w.resident("赵女士", "2号楼/1单元/101");

        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        int before = wechat.calls("/cgi-bin/qrcode/create").size();
        Api.as(w.committee).post(w.path(id) + "/qrcode").then().statusCode(200)
                .body("scene", equalTo("meeting:" + id))
                .body("url", containsString("meeting:" + id))
                .body("expiresAt", notNullValue());
        // WxJava may retry once after a token refresh; exactly one ticket for this scene was issued.
        List<FakeWechatServer.Call> calls = wechat.calls("/cgi-bin/qrcode/create");
        assertEquals(1, calls.subList(before, calls.size()).stream()
                .filter(c -> c.errcode() == 0 && c.body().contains("\"scene_str\":\"meeting:" + id + "\"")).count(),
                calls.subList(before, calls.size()).toString());

        String scene = "meeting:" + id;
        assertTrue(scan(a.mpOpenid(), scene, 0).contains("尚未开始"));
        assertEquals(0, w.attendanceRows(id));

        clock.advance(Duration.ofHours(47).plusMinutes(30));
        assertTrue(scan(a.mpOpenid(), scene, 1).contains("签到成功"));
        String second = scan(a.mpOpenid(), scene, 2);
        assertTrue(second.contains("您已签到"), second);
        assertEquals(1, w.attendanceRows(id));

        String walked = scan(walkIn.mpOpenid(), "qrscene_" + scene, 3, "subscribe");
        assertTrue(walked.contains("现场参会"), walked);
        String refused = scan(outside.mpOpenid(), scene, 4);
        assertTrue(refused.contains("不能签到"), refused);
        String stranger = scan("o-stranger-" + Api.unique(""), scene, 5);
        assertTrue(stranger.contains("绑定"), stranger);
        assertEquals(2, w.attendanceRows(id));

        Response list = Api.as(w.committee).get(w.path(id) + "/attendance");
        list.then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].residentId", equalTo((int) a.id())).body("[0].displayName", equalTo("王阿姨"))
                .body("[0].invited", equalTo(true)).body("[0].byStaff", equalTo(false))
                .body("[1].displayName", equalTo("新住户")).body("[1].invited", equalTo(false));
        assertFalse(list.asString().contains("139"), list.asString());
        assertFalse(list.asString().toLowerCase().contains("phone"), list.asString());
        Api.as(w.committee).get(w.path(id)).then().body("counts.attended", equalTo(2)).body("counts.walkIns", equalTo(1));
    }

    @Test
    void staffCheckResidentsInByHandOnceAndOnlyThoseInScope() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident c = w.resident("赵女士", "2号楼/1单元/101");
        long id = w.created(MeetingWorld.draft("议事会", inHours(10),
                MeetingWorld.scope("UNITS", w.households.isEmpty() ? 0L : unitOf(w, "1号楼/1单元")), null));
        String attendance = w.path(id) + "/attendance";

        Api.as(w.committee).body(Map.of("residentId", a.id())).post(attendance).then().statusCode(409)
                .body("code", equalTo("MEETING_CHECK_IN_NOT_OPEN"));
        clock.advance(Duration.ofHours(10));
        Response first = Api.as(w.committee).body(Map.of("residentId", a.id())).post(attendance);
        first.then().statusCode(200).body("already", equalTo(false)).body("invited", equalTo(true));
        clock.advance(Duration.ofMinutes(10));
        Api.as(w.committee).body(Map.of("residentId", a.id())).post(attendance).then().statusCode(200)
                .body("already", equalTo(true)).body("checkedInAt", equalTo(first.path("checkedInAt")));
        Api.as(w.committee).body(Map.of("residentId", c.id())).post(attendance).then().statusCode(400)
                .body("code", equalTo("MEETING_ATTENDEE_NOT_ELIGIBLE"));
        Api.as(w.committee).body(Map.of("residentId", "x")).post(attendance).then().statusCode(400);
        Api.as(w.committee).get(attendance).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].byStaff", equalTo(true));
        assertEquals(1, w.attendanceRows(id));

        clock.advance(Duration.ofHours(6));
        Api.as(w.committee).body(Map.of("residentId", a.id())).post(attendance).then().statusCode(409)
                .body("code", equalTo("MEETING_OVER"));
    }

    @Test
    void minutesArePublishedAsANoticeToTheMeetingsAudienceOnceAfterTheStart() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident c = w.resident("赵女士", "2号楼/1单元/101");
        long id = w.created(MeetingWorld.draft("加装电梯议事会", inHours(2), null, List.of(a.id())));
        String minutes = w.path(id) + "/minutes";
        Map<String, Object> body = Map.of("text", "会议决定：1号楼1单元启动加装电梯意见征询。");

        Api.as(w.committee).body(body).post(minutes).then().statusCode(409).body("code", equalTo("MEETING_NOT_STARTED"));
        Api.as(w.committee).body(Map.of("text", "")).post(minutes).then().statusCode(400);
        clock.advance(Duration.ofHours(3));
        Response published = Api.as(w.committee).body(body).post(minutes);
        published.then().statusCode(200).body("minutesNoticeId", notNullValue());
        long notice = ((Number) published.path("minutesNoticeId")).longValue();

        Api.as(a.token()).get("/api/v1/notices/" + notice).then().statusCode(200)
                .body("title", equalTo("会议纪要：加装电梯议事会"))
                .body("body", containsString("启动加装电梯"));
        Api.as(c.token()).get("/api/v1/notices/" + notice).then().statusCode(404);
        Api.as(a.token()).get("/api/v1/meetings/" + id).then().body("minutesNoticeId", equalTo((int) notice));
        Api.as(w.committee).body(body).post(minutes).then().statusCode(409).body("code", equalTo("MEETING_MINUTES_EXIST"));
    }

    @Test
    void cancellingCallsOffTheInvitationsAndClosesRsvpAndCheckIn() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        long id = w.created(MeetingWorld.draft("议事会", inHours(30), null, List.of(a.id())));
        String ref = "meeting:" + id + ":invite";
        assertEquals(List.of("PENDING"), w.deliveryStatuses(ref));

        Api.as(w.committee).post(w.path(id) + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledAt", notNullValue());
        Api.as(w.committee).post(w.path(id) + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(List.of("CANCELLED"), w.deliveryStatuses(ref));
        Api.as(a.token()).body(Map.of("answer", "YES")).put("/api/v1/meetings/" + id + "/rsvp").then().statusCode(409)
                .body("code", equalTo("MEETING_CANCELLED"));
        Api.as(w.committee).post(w.path(id) + "/qrcode").then().statusCode(409).body("code", equalTo("MEETING_CANCELLED"));
        Api.as(w.committee).get(w.path() + "?when=past").then().body("id", hasItem((int) id));
        Api.as(w.committee).get(w.path()).then().body("id", not(hasItem((int) id)));
        clock.advance(Duration.ofHours(30));
        assertTrue(scan(a.mpOpenid(), "meeting:" + id, 0).contains("已经取消"));
    }

    @Test
    void theScheduleListsRemindersDueInAWindowAndWhoIsStillWorthReminding() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王阿姨", "1号楼/1单元/101");
        MeetingWorld.Resident b = w.resident("李先生", "1号楼/2单元/201");
        MeetingWorld.Resident d = w.resident("孙先生", "1号楼/1单元/102");
        OffsetDateTime start = OffsetDateTime.now(clock).plusDays(400).withNano(0);
        long id = w.created(MeetingWorld.draft("远期议事会", start.toString(), null, List.of(a.id(), b.id(), d.id())));
        long cancelled = w.created(MeetingWorld.draft("取消的会", start.plusMinutes(5).toString(), null, List.of(a.id())));
        Api.as(w.committee).post(w.path(cancelled) + "/cancel").then().statusCode(200);
        Api.as(b.token()).body(Map.of("answer", "NO")).put("/api/v1/meetings/" + id + "/rsvp").then().statusCode(200);
        Api.as(d.token()).body(Map.of("answer", "YES")).put("/api/v1/meetings/" + id + "/rsvp").then().statusCode(200);

        // An hour before, at the deployment's times: the meeting, not the cancelled one 5 minutes later; then nothing.
        Instant hourBefore = start.minusHours(1).toInstant();
        List<MeetingSchedule.Due> due = MeetingWorld.await(() -> schedule.remindersBetween(hourBefore.minusSeconds(60),
                hourBefore.plusSeconds(360), "1440,60")).stream().filter(u -> u.meeting().communityId() == w.community)
                .toList();
        assertEquals(1, due.size());
        MeetingSchedule.Upcoming found = due.get(0).meeting();
        assertEquals(List.of(id, "远期议事会", start.toInstant(), "社区活动室", 60, hourBefore),
                List.of(found.id(), found.title(), found.startsAt(), found.place(), due.get(0).lead(),
                        due.get(0).dueAt()));
        assertTrue(MeetingWorld.await(() -> schedule.remindersBetween(hourBefore.plusSeconds(1),
                hourBefore.plusSeconds(120), "1440,60")).stream().noneMatch(u -> u.meeting().id() == id));

        List<Long> expected = new ArrayList<>(List.of(a.id(), d.id()));
        expected.sort(Long::compare);
        assertEquals(expected, MeetingWorld.await(() -> schedule.audience(id)));
        MeetingWorld.rows("update meeting_invitee set checked_in_at = now() where meeting_id = $1 and resident_id = $2",
                Tuple.of(id, d.id()));
        assertEquals(List.of(a.id()), MeetingWorld.await(() -> schedule.audience(id)));
    }

    private static long unitOf(MeetingWorld w, String unitKey) {
        return MeetingWorld.rows("select u.id from building_unit u join building b on b.id = u.building_id"
                + " where u.community_id = $1 and b.name || '/' || u.name = $2", Tuple.of(w.community, unitKey))
                .get(0).getLong("id");
    }

    /** A real signed SCAN callback (CreateTime apart per call, as WeChat's are), answered with the reply text. */
    private String scan(String openid, String key, int second) {
        return scan(openid, key, second, "SCAN");
    }

    /** Signed with the application clock's time, which the gateway's replay window compares against. */
    private String scan(String openid, String key, int second, String event) {
        long now = clock.instant().getEpochSecond();
        String xml = WechatCallbacks.event(openid, event, key, now + second);
        String body = WechatCallbacks.postPlain(xml, WechatCallbacks.Query.at(now)).then().statusCode(200)
                .extract().asString();
        return "success".equals(body) ? "" : WechatCallbacks.tag(body, "Content");
    }
}
