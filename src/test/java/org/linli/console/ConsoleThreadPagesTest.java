package org.linli.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.thread.ThreadWorld;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 说事 queue and detail pages: a grid worker handles a thread end to end without the API. */
@QuarkusTest
class ConsoleThreadPagesTest {

    @jakarta.inject.Inject
    org.linli.support.MovableClock clock;

    @Test
    void aGridWorkerAcceptsNotesAndResolvesAThreadFromTheConsole() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        long id = w.raised(raiser, "1号楼2单元楼道灯坏了，晚上很黑", "PUBLIC");
        ConsoleClient worker = ConsoleClient.login(w.worker1.username(), "secret-pass-1");
        String path = "/console/c/" + w.community + "/threads/" + id;

        worker.page().get("/console/c/" + w.community + "/threads").then().statusCode(200)
                .body(containsString("楼道灯坏了"), containsString("待受理"), containsString("href=\"" + path + "\""));
        worker.page().get(path).then().statusCode(200)
                .body(containsString("id=\"accept\""), containsString("id=\"reject\""),
                        not(containsString("id=\"resolve\"")), not(containsString("id=\"close\"")));

        String dashboard = "/console/c/" + w.community;
        worker.page().get(dashboard).then().statusCode(200).body(containsString("id=\"threads-today\">1<"),
                containsString("id=\"threads-waiting\">1<"), containsString("id=\"threads-overdue\">0<"));
        ConsoleClient.login(w.worker2.username(), "secret-pass-1").page().get(dashboard).then().statusCode(200)
                .body(containsString("id=\"threads-today\">0<"));

        worker.form().formParam("result", "已修好").post(path + "/resolve").then().statusCode(409)
                .body(containsString("当前状态为“待受理”"));
        assertEquals("SUBMITTED", Api.as(w.worker1.token()).get(apiPath(w, id)).path("status"));

        assertEquals(303, worker.form().post(path + "/accept").statusCode());
        assertEquals(303, worker.form().formParam("note", "已联系物业电工").post(path + "/notes").statusCode());
        worker.form().formParam("note", "a".repeat(1001)).post(path + "/comments").then().statusCode(400);
        worker.form().formParam("reason", "a".repeat(501)).post(path + "/reject").then().statusCode(400);
        worker.form().formParam("result", "  ").post(path + "/resolve").then().statusCode(400)
                .body(containsString("办结时请填写办理结果"));
        assertEquals(303, worker.form().formParam("result", "已更换灯泡，恢复照明。").post(path + "/resolve")
                .statusCode());

        worker.page().get(path).then().statusCode(200).body(containsString("已办结"),
                containsString("已更换灯泡，恢复照明。"), containsString("已联系物业电工"), containsString("内部备注"),
                not(containsString("id=\"accept\"")), not(containsString("id=\"close\"")));
        String figures = worker.page().get(dashboard).then().statusCode(200)
                .body(containsString("id=\"threads-waiting\">0<")).extract().asString();
        assertTrue(figures.matches("(?s).*响应率</th><td>100\\.0%</td>.*解决率</th><td>100\\.0%</td>.*满意率</th><td>—</td>.*"),
                figures);
        Response mine = Api.as(raiser.token()).get("/api/v1/threads/" + id);
        assertEquals("RESOLVED", mine.path("status"));
        assertFalse(mine.asString().contains("已联系物业电工"), "an internal note reached the resident");

        ConsoleClient otherGrid = ConsoleClient.login(w.worker2.username(), "secret-pass-1");
        otherGrid.page().get(path).then().statusCode(404);
        otherGrid.form().post(path + "/close").then().statusCode(404);
        otherGrid.page().get("/console/c/" + w.community + "/threads").then().statusCode(200)
                .body(not(containsString("楼道灯坏了")));
        worker.page().redirects().follow(false).post(path + "/close").then().statusCode(403);
    }

    @Test
    void aNeighboursCommentIsRemovedFromTheConsoleForEveryoneButItsAuthor() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        long id = w.raised(raiser, "1号楼电梯按钮失灵，老人上下楼困难", "PUBLIC");
        ThreadWorld.Resident neighbour = w.resident("1号楼/102");
        long comment = ((Number) Api.as(neighbour.token()).body(Map.of("body", "同样遇到，物业一直没人来修"))
                .post("/api/v1/threads/" + id + "/comments").then().statusCode(201).extract().path("id")).longValue();
        ConsoleClient worker = ConsoleClient.login(w.worker1.username(), "secret-pass-1");
        String path = "/console/c/" + w.community + "/threads/" + id;
        worker.page().get(path).then().statusCode(200).body(containsString("物业一直没人来修"),
                containsString("id=\"remove-comment-" + comment + "\""));
        worker.form().formParam("decision", "HIDE").formParam("comment", comment).post(path + "/moderation")
                .then().statusCode(400).body(containsString("RELEASE"));
        worker.form().formParam("decision", "REMOVE").formParam("comment", comment).formParam("reason", "长".repeat(501))
                .post(path + "/moderation").then().statusCode(400).body(containsString("审核理由不能超过 500 个字"));
        assertEquals(303, worker.form().formParam("decision", "REMOVE").formParam("comment", comment)
                .formParam("reason", "与事项无关").post(path + "/moderation").statusCode());
        worker.page().get(path).then().statusCode(200).body(containsString("已删除"),
                not(containsString("id=\"remove-comment-" + comment + "\"")));
        String seen = Api.as(raiser.token()).get("/api/v1/threads/" + id).asString();
        assertFalse(seen.contains("物业一直没人来修"), "other residents no longer see it: " + seen);
        assertEquals("REMOVED", Api.as(neighbour.token()).get("/api/v1/threads/" + id).path("comments[0].moderation"),
                "its author sees it marked as removed");
        ConsoleClient.login(w.worker2.username(), "secret-pass-1").form().formParam("decision", "RELEASE")
                .formParam("comment", comment).post(path + "/moderation").then().statusCode(404);
    }

    @Test
    void theQueueIsFilteredPagedExportedAndBulkAssigned() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident one = w.resident("1号楼/101");
        ThreadWorld.Resident two = w.resident("2号楼/101");
        for (int i = 1; i <= 21; i++) {
            w.raised(one, "第" + i + "件：小区东门外共享单车乱停放，影响通行", "PRIVATE");
        }
        long far = w.raised(two, "2号楼门口有人飞线充电，存在安全隐患", "PRIVATE");
        ConsoleClient committee = ConsoleClient.login(w.committee.username(), "secret-pass-1");
        String queue = "/console/c/" + w.community + "/threads";

        String first = committee.page().get(queue).then().statusCode(200).extract().asString();
        assertEquals(20, count(first, "<tr id=\"thread-"));
        Matcher next = Pattern.compile("href=\"[^\"]*\\?([^\"]*cursor=[^\"]+)\" rel=\"next\"").matcher(first);
        assertTrue(next.find(), first);
        String second = committee.page().get(queue + "?" + next.group(1).replace("&amp;", "&")).then().statusCode(200)
                .extract().asString();
        assertEquals(2, count(second, "<tr id=\"thread-"));
        assertFalse(second.contains("rel=\"next\""));

        String byGrid = committee.page().get(queue + "?grid=" + w.grids.get("第二网格")).then().statusCode(200)
                .extract().asString();
        assertEquals(1, count(byGrid, "<tr id=\"thread-"));
        assertTrue(byGrid.contains("飞线充电"), byGrid);

        String csv = new String(committee.page().get(queue + "/export?format=csv&category=" + "停车").then()
                .statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertEquals(21, csv.lines().filter(l -> l.contains("共享单车")).count(), csv);
        assertFalse(csv.contains("飞线充电"), csv);

        List<Long> ids = ids(first).stream().filter(i -> i != far).limit(3).toList();
        Response assigned = committee.form().formParam("thread", ids.get(0), ids.get(1), ids.get(2))
                .formParam("staff", w.worker2.id()).post(queue + "/assign");
        assertEquals(303, assigned.statusCode(), assigned.asString());
        committee.page().get(assigned.header("Location")).then().statusCode(200).body(containsString("已分派 3 件"));
        String worker2 = ConsoleClient.login(w.worker2.username(), "secret-pass-1").page()
                .get(queue + "?assignee=me").then().statusCode(200).extract().asString();
        assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of(far), ids.stream()).toList(), ids(worker2),
                "the grid worker's own queue: the thread routed to their grid and the three assigned to them");
        assertEquals(w.worker2.id(), ((Number) Api.as(w.committee.token()).get(apiPath(w, ids.get(0)))
                .path("routedStaffId")).longValue());

        committee.form().formParam("thread", ids.get(0)).formParam("staff", 999_999_999L).post(queue + "/assign")
                .then().statusCode(400);
        committee.form().formParam("thread", java.util.stream.LongStream.rangeClosed(1, 201).boxed().toArray())
                .formParam("staff", w.worker1.id()).post(queue + "/assign").then().statusCode(400);
        assertEquals(w.worker2.id(), ((Number) Api.as(w.committee.token()).get(apiPath(w, ids.get(0)))
                .path("routedStaffId")).longValue(), "a refused bulk assignment moved nothing");
    }

    @Test
    void aNewStaffMemberIsOfferedForAssignmentWithinTenSeconds() {
        ThreadWorld w = ThreadWorld.create();
        ConsoleClient committee = ConsoleClient.login(w.committee.username(), "secret-pass-1");
        String queue = "/console/c/" + w.community + "/threads";
        committee.page().get(queue).then().statusCode(200).body(not(containsString("新来的网格员")));
        Api.as(w.admin).body(Map.of("username", Api.unique("n"), "displayName", "新来的网格员", "password",
                "secret-pass-1", "role", "GRID_WORKER", "gridId", w.grids.get("第一网格")))
                .post("/api/v1/communities/" + w.community + "/staff").then().statusCode(201);
        try {
            committee.page().get(queue).then().statusCode(200).body(not(containsString("新来的网格员")));
            clock.advance(StaffDirectory.FRESH.plusSeconds(1));
            committee.page().get(queue).then().statusCode(200).body(containsString("新来的网格员"));
        } finally {
            clock.reset();
        }
    }

    private static String apiPath(ThreadWorld w, long id) {
        return "/api/v1/communities/" + w.community + "/threads/" + id;
    }

    private static List<Long> ids(String html) {
        Matcher m = Pattern.compile("<tr id=\"thread-(\\d+)\"").matcher(html);
        List<Long> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }
}
