package org.linli.thread;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.WechatPaths;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input, content safety, cross-community isolation, reach narrowing, clocks and the queue's pagination. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ThreadInputsTest {

    @Inject
    SlaClock sla;
    @Inject
    ContentSafety safety;
    @Inject
    ThreadSettings settings;
    @Inject
    HolidayUploads uploads;

    @Test
    void chatTextCannotUseMsgSecCheckSoWhatWouldBePublicIsHeldAndTheLocalListStillRefuses() {
        // No Mini-Program session behind an OA chat message: WeChat is not asked at all.
        int calls = ThreadWorld.fake().calls(WechatPaths.MSG_SEC_CHECK).size();
        assertEquals(Moderation.HELD, ThreadWorld.db(() -> safety.admit(settings.defaults(), 1, "路灯坏了", false, true, 3)));
        assertEquals(Moderation.VISIBLE, ThreadWorld.db(() -> safety.admit(settings.defaults(), 1, "路灯坏了", false, false, 3)));
        assertEquals(Moderation.HELD, ThreadWorld.db(() -> safety.admit(settings.defaults(), 1, "大家去拉横幅", false, false, 3)));
        assertThrowsProblem(() -> ThreadWorld.db(() -> safety.admit(settings.defaults(), 1, "有人代开发票", false, false, 3)));
        assertEquals(calls, ThreadWorld.fake().calls(WechatPaths.MSG_SEC_CHECK).size());
    }

    private static void assertThrowsProblem(Runnable r) {
        assertThrowsProblem("THREAD_CONTENT_REFUSED", r);
    }

    private static void assertThrowsProblem(String code, Runnable r) {
        try {
            r.run();
        } catch (AssertionError | RuntimeException e) {
            Throwable c = e;
            while (c != null && !(c instanceof org.linli.common.Problem)) {
                c = c.getCause();
            }
            assertTrue(c instanceof org.linli.common.Problem p && p.code().equals(code), e + " / " + c);
            return;
        }
        throw new AssertionError("expected " + code);
    }


    @Test
    void badInputIsAClear4xxAndNothingIsStored() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident r = w.resident("1号楼/101");
        Api.as(r.token()).body(ThreadWorld.raise("长".repeat(1001), "PUBLIC")).post("/api/v1/threads").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Api.as(r.token()).body(ThreadWorld.raise("   ", "PUBLIC")).post("/api/v1/threads").then().statusCode(400);
        Map<String, Object> tooMany = ThreadWorld.raise("楼下花坛的栏杆断了好几根", "PUBLIC");
        tooMany.put("photos", Collections.nCopies(10, Map.of("url", "https://example.org/p.jpg")));
        Api.as(r.token()).body(tooMany).post("/api/v1/threads").then().statusCode(400)
                .body("code", equalTo("THREAD_TOO_MANY_PHOTOS"));
        Map<String, Object> category = ThreadWorld.raise("楼下花坛的栏杆断了好几根", "PUBLIC");
        category.put("category", "外星人");
        Api.as(r.token()).body(category).post("/api/v1/threads").then().statusCode(400)
                .body("code", equalTo("THREAD_CATEGORY_UNKNOWN"));
        Api.as(r.token()).body("{\"description\":\"" + "长".repeat(40_000) + "\"}").post("/api/v1/threads").then()
                .statusCode(413).body("code", equalTo("THREAD_TOO_LARGE"));
        Api.as(r.token()).body("{not json").post("/api/v1/threads").then().statusCode(400);
        Api.as(r.token()).get("/api/v1/threads").then().statusCode(200).body("$", hasSize(0));
        // Not verified in any community: refused.
        ThreadWorld.Resident stranger = w.relogin(new ThreadWorld.Resident("", 0, Api.unique("nobody-")));
        Api.as(stranger.token()).body(ThreadWorld.raise("我想反映一个问题", "PUBLIC")).post("/api/v1/threads").then()
                .statusCode(403).body("code", equalTo("THREAD_NOT_VERIFIED"));
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads?cursor=@@").then()
                .statusCode(400).body("code", equalTo("THREAD_CURSOR_INVALID"));
    }

    @Test
    void urgentMattersGetTheShortClockAndWorkingDaysFollowTheCalendar() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident r = w.resident("2号楼/101");
        Response raised = Api.as(r.token()).body(ThreadWorld.raise("2号楼今天早上突然停水了，家里一滴水都没有", "PRIVATE"))
                .post("/api/v1/threads");
        raised.then().statusCode(201).body("thread.urgency", equalTo("URGENT"));
        long id = ((Number) raised.path("thread.id")).longValue();
        Response detail = Api.as(w.committee.token()).get(w.staffPath(id));
        OffsetDateTime submitted = OffsetDateTime.parse(detail.path("submittedAt"));
        OffsetDateTime due = OffsetDateTime.parse(detail.path("acceptDueAt"));
        assertEquals(Duration.ofHours(2), Duration.between(submitted, due));
        // 5 working days from Friday 13 Feb 2026 10:00: the 调休 Saturday, then after 春节 24–27 Feb.
        OffsetDateTime friday = OffsetDateTime.parse("2026-02-13T10:00:00+08:00");
        assertEquals(OffsetDateTime.parse("2026-02-27T10:00:00+08:00"), sla.due(friday, "5wd"));
        assertEquals(OffsetDateTime.parse("2026-02-20T10:00:00+08:00"), sla.due(friday, "7d"));
    }

    /*
     * A platform admin uploads the year 2099 (so no other test's year changes): from Wednesday 31 Dec 2098 10:00,
     * 2 working days skip 元旦 Thursday and Friday, count the 调休 Sunday and end on Monday. The years already in force
     * stay. A bad line is refused naming it and changes nothing; a community's committee may not upload.
     */
    @Test
    void anUploadedCalendarAddsItsYearsToTheClocks() {
        OffsetDateTime wednesday = OffsetDateTime.parse("2098-12-31T10:00:00+08:00");
        assertEquals(OffsetDateTime.parse("2099-01-02T10:00:00+08:00"), sla.due(wednesday, "2wd"));
        Caller admin = platformAdmin();
        byte[] bad = "2099-01-01 off 元旦\n2099-13-01 off 不存在\n".getBytes(StandardCharsets.UTF_8);
        assertThrowsProblem("THREAD_HOLIDAYS_INVALID",
                () -> ThreadWorld.db(() -> uploads.upload(admin, "bad.txt", bad)));
        ThreadWorld w = ThreadWorld.create();
        Caller committee = Caller.staff(w.committee.id(), "居委会",
                List.of(new Grant(Role.COMMITTEE, w.community, null, null)));
        byte[] good = "# 2099\n2099-01-01 off 元旦\n2099-01-02 off 元旦\n2099-01-04 work 调休\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThrowsProblem("THREAD_HOLIDAYS_FORBIDDEN",
                () -> ThreadWorld.db(() -> uploads.upload(committee, "2099.txt", good)));
        assertEquals(OffsetDateTime.parse("2099-01-02T10:00:00+08:00"), sla.due(wednesday, "2wd"));

        HolidayUploads.InForce inForce = ThreadWorld.db(() -> uploads.upload(admin, "2099.txt", good));
        assertTrue(inForce.years().containsAll(List.of(2026, 2099)), inForce.toString());
        assertTrue(inForce.source().endsWith(" + 2099.txt"), inForce.source());
        assertEquals(OffsetDateTime.parse("2099-01-05T10:00:00+08:00"), sla.due(wednesday, "2wd"));
        assertEquals(OffsetDateTime.parse("2026-02-27T10:00:00+08:00"),
                sla.due(OffsetDateTime.parse("2026-02-13T10:00:00+08:00"), "5wd"), "2026 is unchanged");
    }

    @Test
    void settingsAndCalendarsBeyondTheirLimitsAreRefusedAndNothingChanges() {
        ThreadWorld w = ThreadWorld.create();
        Caller committee = Caller.staff(w.committee.id(), "居委会",
                List.of(new Grant(Role.COMMITTEE, w.community, null, null)));
        ThreadRules defaults = settings.defaults();
        List<String> many = IntStream.rangeClosed(0, ThreadSettings.MAX_CATEGORIES)
                .mapToObj(i -> "类别" + i).toList();
        List<String> tooMany = IntStream.rangeClosed(0, ThreadSettings.MAX_WORDS)
                .mapToObj(i -> "词" + i).toList();
        String longCategory = "类".repeat(ThreadSettings.MAX_CATEGORY_LENGTH + 1);
        String longWord = "词".repeat(ThreadSettings.MAX_WORD_LENGTH + 1);
        List<Map.Entry<String, ThreadRules>> refused = List.of(
                Map.entry("THREAD_SETTINGS_CATEGORIES", rules(many, List.of(), List.of())),
                Map.entry("THREAD_SETTINGS_CATEGORIES", rules(List.of("其他", longCategory), List.of(), List.of())),
                Map.entry("THREAD_SETTINGS_WORDS", rules(List.of("其他"), tooMany, List.of())),
                Map.entry("THREAD_SETTINGS_WORDS", rules(List.of("其他"), List.of(), List.of(longWord))),
                Map.entry("THREAD_SETTINGS_KEYWORDS", new ThreadRules(List.of("其他"), List.of(), List.of(),
                        Map.of("其他", IntStream.rangeClosed(0, ThreadSettings.MAX_KEYWORDS).mapToObj(i -> "词" + i)
                                .toList()), List.of(), List.of(), null, null)),
                Map.entry("THREAD_SETTINGS_KEYWORDS", new ThreadRules(List.of("其他"), List.of(), List.of(),
                        Map.of("其他", List.of(longWord)), List.of(), List.of(), null, null)));
        refused.forEach(e -> assertThrowsProblem(e.getKey(),
                () -> ThreadWorld.db(() -> settings.save(w.community, committee, e.getValue()))));
        assertEquals(defaults.categories(), ThreadWorld.db(() -> settings.rules(w.community)).categories());

        Caller admin = platformAdmin();
        OffsetDateTime friday = OffsetDateTime.parse("2095-12-30T10:00:00+08:00");
        OffsetDateTime monday = OffsetDateTime.parse("2096-01-02T10:00:00+08:00");
        byte[] gbk = "2096-01-02 off 元旦\n".getBytes(Charset.forName("GBK"));
        byte[] big = ("2096-01-02 off 元旦\n" + "#".repeat(HolidayUploads.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
        byte[] commentsOnly = "# 2096 年的安排稍后公布\n\n".getBytes(StandardCharsets.UTF_8);
        assertThrowsProblem("THREAD_HOLIDAYS_INVALID", () -> ThreadWorld.db(() -> uploads.upload(admin, "gbk.txt", gbk)));
        assertThrowsProblem("THREAD_HOLIDAYS_SIZE", () -> ThreadWorld.db(() -> uploads.upload(admin, "big.txt", big)));
        assertThrowsProblem("THREAD_HOLIDAYS_SIZE", () -> ThreadWorld.db(() -> uploads.upload(admin, "empty.txt",
                new byte[0])));
        assertThrowsProblem("THREAD_HOLIDAYS_INVALID", () -> ThreadWorld.db(() -> uploads.upload(admin, "none.txt",
                commentsOnly)));
        assertEquals(monday, sla.due(friday, "1wd"), "no refused upload reached the clocks");
    }

    private static ThreadRules rules(List<String> categories, List<String> refusedWords, List<String> reviewWords) {
        return new ThreadRules(categories, List.of(), List.of(), null, refusedWords, reviewWords, null, null);
    }

    private static Caller platformAdmin() {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)).post("/api/v1/auth/staff");
        return Caller.staff(((Number) login.path("id")).longValue(), "平台管理员",
                List.of(new Grant(Role.ADMIN, null, null, null)));
    }

    @Test
    void riskyTextIsRefusedAndAWechatFailureHoldsTextForStaff() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident r = w.resident("1号楼/102");
        ThreadWorld.Resident neighbour = w.resident("1号楼/101");
        Api.as(r.token()).body(ThreadWorld.raise("楼下有人聚众赌博到半夜", "PUBLIC")).post("/api/v1/threads").then()
                .statusCode(400).body("code", equalTo("THREAD_CONTENT_REFUSED"));
        ThreadWorld.fake().failFor(WechatPaths.MSG_SEC_CHECK, r.openid(), 61010);
        Response held = Api.as(r.token()).body(ThreadWorld.raise("1号楼车棚的灯不亮了，晚上取车很黑", "PUBLIC"))
                .post("/api/v1/threads");
        held.then().statusCode(201).body("held", equalTo(true));
        long id = ((Number) held.path("thread.id")).longValue();
        // Held: others do not see it, staff find it in the moderation queue and release it (audited).
        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().statusCode(404);
        Api.as(neighbour.token()).get("/api/v1/threads/public").then().body("items.id", not(hasItem((int) id)));
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads?moderation=HELD").then()
                .body("items.id", hasItem((int) id));
        String essay = "理".repeat(ThreadParticipation.MODERATION_REASON_MAX + 1);
        for (Map<String, Object> tooLong : List.<Map<String, Object>>of(Map.of("decision", "RELEASE", "reason", essay),
                Map.of("decision", "REMOVE", "reason", essay, "photoId", 1))) {
            Api.as(w.committee.token()).body(tooLong).post(w.staffPath(id) + "/moderation").then().statusCode(400)
                    .body("code", equalTo("THREAD_MODERATION_REASON_TOO_LONG"));
        }
        Api.as(w.committee.token()).get(w.staffPath(id)).then().body("moderation", equalTo("HELD"));
        Api.as(w.committee.token()).body(Map.of("decision", "RELEASE", "reason", "内容正常"))
                .post(w.staffPath(id) + "/moderation").then().statusCode(200).body("moderation", equalTo("VISIBLE"))
                .body("timeline.kind", hasItem("RELEASED"));
        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().statusCode(200);

        // Three reports hide it again until staff look.
        ThreadWorld.Resident third = w.resident("2号楼/101");
        ThreadWorld.Resident fourth = w.resident("2号楼/102");
        for (ThreadWorld.Resident reporter : List.of(neighbour, third, fourth)) {
            Api.as(reporter.token()).body(Map.of("reason", "不实")).post("/api/v1/threads/" + id + "/reports").then()
                    .statusCode(204);
        }
        Api.as(neighbour.token()).body(Map.of()).post("/api/v1/threads/" + id + "/reports").then().statusCode(404);
        Api.as(w.committee.token()).get(w.staffPath(id)).then().body("moderation", equalTo("HIDDEN"));

        // Comments: phone numbers masked for others; edits keep history for staff.
        long other = w.raised(neighbour, "1号楼单元门的门禁刷不开", "PUBLIC");
        Number comment = Api.as(r.token()).body(Map.of("body", "我也是，物业电话13912345678打不通"))
                .post("/api/v1/threads/" + other + "/comments").then().statusCode(201).extract().path("id");
        Api.as(r.token()).body(Map.of("body", "我也是，已经好了")).put("/api/v1/threads/" + other + "/comments/" + comment)
                .then().statusCode(204);
        Api.as(neighbour.token()).body(Map.of("body", "改别人的")).put("/api/v1/threads/" + other + "/comments/" + comment)
                .then().statusCode(404);
        Api.as(w.committee.token()).get(w.staffPath(other)).then()
                .body("comments[0].history[0]", equalTo("我也是，物业电话13912345678打不通"))
                .body("comments[0].body", equalTo("我也是，已经好了"));
        // r's comments were held (WeChat's check still fails for r): others see only third's, its number masked.
        Api.as(third.token()).body(Map.of("body", "手机 13912345678")).post("/api/v1/threads/" + other + "/comments")
                .then().statusCode(201);
        Api.as(neighbour.token()).get("/api/v1/threads/" + other).then().body("comments", hasSize(1))
                .body("comments[0].body", equalTo("手机 139****5678"));
        Api.as(w.committee.token()).get(w.staffPath(other)).then().body("comments[0].moderation", equalTo("HELD"));
    }

    @Test
    void anotherCommunitysThreadIs404AndNarrowStaffSeeOnlyTheirReach() {
        ThreadWorld a = ThreadWorld.create();
        ThreadWorld b = ThreadWorld.create();
        ThreadWorld.Resident inA = a.resident("1号楼/101");
        ThreadWorld.Resident inB = b.resident("1号楼/101");
        long threadB = b.raised(inB, "1号楼电梯里有很大的烟味", "PUBLIC");
        long threadA = a.raised(inA, "2号楼门口的垃圾没人收", "PUBLIC");

        Api.as(a.committee.token()).get(a.staffPath(threadB)).then().statusCode(404);
        a.act(a.committee, threadB, "accept", Map.of()).then().statusCode(404);
        Api.as(a.committee.token()).get("/api/v1/communities/" + b.community + "/threads").then().statusCode(403);
        Api.as(inA.token()).get("/api/v1/threads/" + threadB).then().statusCode(404);
        Api.as(inA.token()).post("/api/v1/threads/" + threadB + "/support").then().statusCode(404);
        Api.as(inA.token()).get("/api/v1/threads/public").then().body("items.id", not(hasItem((int) threadB)));

        // The resident of 1号楼 raised it about 2号楼 but lives in 1号楼: routed by household to 第一网格.
        Api.as(a.worker1.token()).get(a.staffPath(threadA)).then().statusCode(200);
        Api.as(a.leader2.token()).get(a.staffPath(threadA)).then().statusCode(404);
        Api.as(a.leader2.token()).get("/api/v1/communities/" + a.community + "/threads").then()
                .body("items", hasSize(0));
    }

    @Test
    void theQueuePagesStablyByKeyset() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident r = w.resident("2号楼/102");
        for (int i = 0; i < 7; i++) {
            w.raised(r, "2号楼第" + i + "件不同的小事情需要处理", "PRIVATE");
        }
        String path = "/api/v1/communities/" + w.community + "/threads?limit=3";
        Response first = Api.as(w.committee.token()).get(path);
        List<Integer> seen = new java.util.ArrayList<>(first.path("items.id"));
        String next = first.path("next");
        // A thread raised meanwhile does not shift the pages already being read.
        w.raised(r, "2号楼翻页时新来的一件事", "PRIVATE");
        while (next != null) {
            Response page = Api.as(w.committee.token()).get(path + "&cursor=" + next);
            seen.addAll(page.path("items.id"));
            next = page.path("next");
        }
        assertEquals(7, seen.size(), seen.toString());
        assertEquals(7, seen.stream().distinct().count());
        List<Integer> sorted = new java.util.ArrayList<>(seen);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, seen);
        String csv = Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads?format=csv")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("\uFEFF编号,状态"), csv);
        assertEquals(9, csv.split("\r\n").length, csv);
    }
}
