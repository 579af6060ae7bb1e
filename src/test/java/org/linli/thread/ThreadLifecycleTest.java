package org.linli.thread;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.notice.RecordingOutbox;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle over REST: who may make which move from which state, the races, pushes and the timeline. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ThreadLifecycleTest {

    @Inject
    MovableClock clock;
    @Inject
    ThreadWorkflow workflow;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRaisedThreadIsRoutedToItsGridWorkerAndWalksTheWholeLoop() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        Response raised = Api.as(raiser.token()).body(ThreadWorld.raise("1号楼楼道灯坏了一个星期，晚上很黑", "PUBLIC"))
                .post("/api/v1/threads");
        raised.then().statusCode(201).body("thread.status", equalTo("SUBMITTED"))
                .body("thread.category", equalTo("设施维修")).body("thread.urgency", equalTo("NORMAL"));
        long id = ((Number) raised.path("thread.id")).longValue();

        // Routed: 1号楼 → 第一网格 → its grid worker's queue; the other grid's worker does not see it.
        Api.as(w.worker1.token()).get("/api/v1/communities/" + w.community + "/threads?assignee=me").then()
                .statusCode(200).body("items.id", hasItem((int) id)).body("items[0].overdue", equalTo(false));
        Api.as(w.worker2.token()).get("/api/v1/communities/" + w.community + "/threads").then()
                .body("items.id", not(hasItem((int) id)));
        Api.as(w.worker2.token()).get(w.staffPath(id)).then().statusCode(404).body("code", equalTo("THREAD_NOT_FOUND"));
        Api.as(w.worker1.token()).get("/api/v1/communities/" + w.community + "/threads/alerts").then()
                .body("kind", hasItem("ROUTED"));

        // 首接负责: the grid worker accepts and owns it.
        w.act(w.worker1, id, "accept", Map.of("note", "明天上午来看")).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("assigneeStaffId", equalTo((int) w.worker1.id()))
                .body("resolveDueAt", notNullValue());
        // Resolving needs a result; starting twice is a state conflict naming the current state.
        w.act(w.worker1, id, "start", Map.of()).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        w.act(w.worker1, id, "start", Map.of()).then().statusCode(409).body("code", equalTo("THREAD_STATE_CONFLICT"))
                .body("errors[0].message", equalTo("IN_PROGRESS"));
        w.act(w.worker1, id, "resolve", Map.of()).then().statusCode(400).body("code", equalTo("THREAD_RESULT_REQUIRED"));
        w.act(w.worker1, id, "note", Map.of()).then().statusCode(404);
        Api.as(w.worker1.token()).body(Map.of("note", "灯具型号需要采购")).post(w.staffPath(id) + "/notes").then()
                .statusCode(200);
        // An overlong note is refused, naming its limit.
        Api.as(w.worker1.token()).body(Map.of("note", "长".repeat(501))).post(w.staffPath(id) + "/notes").then()
                .statusCode(400).body("code", equalTo("THREAD_NOTE_TOO_LONG"))
                .body("detail", equalTo("备注不能超过 500 个字。"));
        w.act(w.worker1, id, "resolve", Map.of("result", "已更换灯泡，联系电话 13812345678")).then().statusCode(200)
                .body("status", equalTo("RESOLVED"));

        // The resident sees the timeline without internal notes, staff by role and name only, numbers masked.
        Response detail = Api.as(raiser.token()).get("/api/v1/threads/" + id);
        detail.then().statusCode(200).body("status", equalTo("RESOLVED")).body("canRate", equalTo(true))
                .body("assigneeStaffId", nullValue())
                .body("timeline.kind", equalTo(List.of("SUBMITTED", "ACCEPTED", "STARTED", "RESOLVED")))
                .body("timeline[1].actor", equalTo("网格员 王11")).body("timeline[1].actorId", nullValue())
                .body("result", equalTo("已更换灯泡，联系电话 138****5678"));
        Api.as(w.committee.token()).get(w.staffPath(id)).then().body("timeline.kind", hasItem("NOTE"));

        // Each state change pushed to the raiser through the outbox (THREAD_STATUS), in the same transaction.
        List<RecordingOutbox.Call> pushes = RecordingOutbox.calls(w.community);
        assertEquals(3, pushes.size(), pushes.toString());
        assertTrue(pushes.stream().allMatch(c -> c.message().kind().equals("THREAD_STATUS")
                && c.residentIds().equals(List.of(raiser.id()))));
        assertEquals("已办结", pushes.get(2).message().fields().get("status"));

        // Rating: once; a second time is 409.
        Api.as(raiser.token()).body(Map.of("score", 5, "comment", "很快")).post("/api/v1/threads/" + id + "/rating")
                .then().statusCode(204);
        Api.as(raiser.token()).body(Map.of("score", 4)).post("/api/v1/threads/" + id + "/rating")
                .then().statusCode(409).body("code", equalTo("THREAD_ALREADY_RATED"));
        // A 5 does not allow 重新办理.
        Api.as(raiser.token()).body(Map.of()).post("/api/v1/threads/" + id + "/reopen").then().statusCode(409)
                .body("code", equalTo("THREAD_REOPEN_NOT_ALLOWED"));

        // After the window (7 days) the thread closes; 公示 shows it without personal data, numbers masked.
        clock.advance(Duration.ofDays(8));
        assertTrue(ThreadWorld.db(workflow::closeExpired) >= 1);
        ThreadWorld.Resident again = w.relogin(raiser);
        Api.as(again.token()).get("/api/v1/threads/" + id).then().body("status", equalTo("CLOSED"));
        Response published = Api.as("none").get("/api/v1/public/communities/" + w.code + "/threads");
        published.then().statusCode(200).body("$", hasSize(1)).body("[0].category", equalTo("设施维修"))
                .body("[0].rating", equalTo(5.0f)).body("[0].result", equalTo("已更换灯泡，联系电话 138****5678"));
        published.then().body("[0].residentId", nullValue()).body("[0].description", nullValue());
    }

    @Test
    void onlyTheRightRoleMakesEachMove() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("2号楼/101");
        long id = w.raised(raiser, "2号楼门口的井盖松了，走上去晃", "PRIVATE");

        // The building leader of 2号楼 reaches it; the first grid worker does not (404, as if it did not exist).
        w.act(w.worker1, id, "accept", Map.of()).then().statusCode(404);
        Api.as(w.leader2.token()).get(w.staffPath(id)).then().statusCode(200);
        // Moves that need the owner: nobody owns it yet but the routed grid worker and managers.
        w.act(w.leader2, id, "transfer", Map.of("assigneeStaffId", w.worker1.id())).then().statusCode(403)
                .body("code", equalTo("THREAD_ACTION_FORBIDDEN"));
        // Not from SUBMITTED: start, resolve, close.
        w.act(w.committee, id, "start", Map.of()).then().statusCode(409).body("errors[0].message", equalTo("SUBMITTED"));
        w.act(w.committee, id, "close", Map.of()).then().statusCode(409);
        w.act(w.leader2, id, "reject", Map.of()).then().statusCode(400).body("code", equalTo("THREAD_REASON_REQUIRED"));
        w.act(w.leader2, id, "accept", Map.of("complex", true)).then().statusCode(200)
                .body("complexity", equalTo("COMPLEX")).body("assigneeStaffId", equalTo((int) w.leader2.id()));
        // Now the grid worker of the same grid is not the owner: no resolve, no escalate; the committee may.
        w.act(w.worker2, id, "resolve", Map.of("result", "好了")).then().statusCode(403);
        w.act(w.worker2, id, "escalate", Map.of()).then().statusCode(403);
        w.act(w.committee, id, "escalate", Map.of("note", "需要街道协调")).then().statusCode(200)
                .body("escalated", equalTo(true));
        w.act(w.committee, id, "escalate", Map.of()).then().statusCode(409).body("code", equalTo("THREAD_ALREADY_ESCALATED"));
        String csv = Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads/escalated")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains("井盖松了"), csv);
        // Transfer to the first grid worker, who then owns it.
        w.act(w.leader2, id, "transfer", Map.of("assigneeStaffId", w.worker1.id(), "note", "请协助")).then()
                .statusCode(200).body("assigneeStaffId", equalTo((int) w.worker1.id()));
        w.act(w.worker1, id, "deliberate", Map.of("pollId", 77)).then().statusCode(200)
                .body("status", equalTo("DELIBERATING")).body("pollId", equalTo(77));
        w.act(w.worker1, id, "reject", Map.of("reason", "x")).then().statusCode(409);
        // Residents cannot call staff endpoints at all; unknown actions are 404.
        Api.as(raiser.token()).body(Map.of()).post(w.staffPath(id) + "/accept").then().statusCode(403);
        w.act(w.committee, id, "submit", Map.of()).then().statusCode(404);
        w.act(w.committee, id, "reopen", Map.of()).then().statusCode(404);
        // Rejected is final.
        long other = w.raised(raiser, "2号楼有人在楼道里堆放杂物", "PRIVATE");
        w.act(w.worker2, other, "reject", Map.of("reason", "属于物业管理范围，已转告物业")).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectReason", equalTo("属于物业管理范围，已转告物业"));
        w.act(w.worker2, other, "accept", Map.of()).then().statusCode(409).body("errors[0].message", equalTo("REJECTED"));
        Api.as(raiser.token()).get("/api/v1/threads/" + other).then().body("rejectReason", equalTo("属于物业管理范围，已转告物业"));
    }

    @Test
    void twoStaffAcceptingAtOnceOneWinsTheOtherGets409() throws Exception {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("2号楼/102");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                long id = w.raised(raiser, "2号楼电梯按钮失灵第" + round + "次", "PRIVATE");
                List<ThreadWorld.Staff> staff = List.of(w.committee, w.worker2, w.leader2, w.committee);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (ThreadWorld.Staff s : staff) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return w.act(s, id, "accept", Map.of()).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : results) {
                    codes.add(f.get(30, TimeUnit.SECONDS));
                }
                assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
                assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
                Api.as(w.committee.token()).get(w.staffPath(id)).then()
                        .body("timeline.findAll { it.kind == 'ACCEPTED' }", hasSize(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDissatisfiedRaiserMayReopenOnceWithTheSameAssigneeAndANewClock() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/102");
        ThreadWorld.Resident neighbour = w.resident("1号楼/101");
        long id = w.raised(raiser, "1号楼后面的路灯不亮", "PUBLIC");
        Api.as(neighbour.token()).post("/api/v1/threads/" + id + "/support").then().statusCode(200)
                .body("supportCount", equalTo(1));
        Api.as(neighbour.token()).post("/api/v1/threads/" + id + "/support").then().statusCode(409)
                .body("code", equalTo("THREAD_ALREADY_SUPPORTED"));
        Api.as(raiser.token()).post("/api/v1/threads/" + id + "/support").then().statusCode(409)
                .body("code", equalTo("THREAD_SUPPORT_OWN"));
        w.resolved(id, w.worker1);
        // Pushes reach the supporter too; withdrawing is over once resolved.
        RecordingOutbox.Call last = RecordingOutbox.calls(w.community).get(RecordingOutbox.calls(w.community).size() - 1);
        assertEquals(List.of(raiser.id(), neighbour.id()), last.residentIds());
        Api.as(neighbour.token()).delete("/api/v1/threads/" + id + "/support").then().statusCode(409);

        Api.as(raiser.token()).body(Map.of("score", 9)).post("/api/v1/threads/" + id + "/rating").then()
                .statusCode(400).body("code", equalTo("THREAD_RATING_INVALID"));
        Api.as(neighbour.token()).body(Map.of("score", 4)).post("/api/v1/threads/" + id + "/rating").then().statusCode(204);
        Api.as(raiser.token()).body(Map.of("score", 2, "comment", "还是不亮")).post("/api/v1/threads/" + id + "/rating")
                .then().statusCode(204);
        Api.as(neighbour.token()).body(Map.of()).post("/api/v1/threads/" + id + "/reopen").then().statusCode(403);
        clock.advance(Duration.ofHours(2));
        Api.as(raiser.token()).body(Map.of("note", "晚上还是不亮")).post("/api/v1/threads/" + id + "/reopen").then()
                .statusCode(200).body("status", equalTo("IN_PROGRESS")).body("reopenCount", equalTo(1))
                .body("canRate", equalTo(false));
        Api.as(w.committee.token()).get(w.staffPath(id)).then()
                .body("assigneeStaffId", equalTo((int) w.worker1.id()));
        w.act(w.worker1, id, "resolve", Map.of("result", "更换了整套灯具")).then().statusCode(200);
        // A new round: rating again is allowed, reopening again is not.
        Api.as(raiser.token()).get("/api/v1/threads/" + id).then().body("canRate", equalTo(true));
        Api.as(raiser.token()).body(Map.of("score", 1)).post("/api/v1/threads/" + id + "/rating").then().statusCode(204);
        Api.as(raiser.token()).body(Map.of()).post("/api/v1/threads/" + id + "/reopen").then().statusCode(409)
                .body("code", equalTo("THREAD_REOPEN_USED"));
        // Figures: 3 ratings, 1 of them ≥ 4; one reopen.
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads/figures").then()
                .statusCode(200).body("[0].ratings", equalTo(3)).body("[0].satisfied", equalTo(1))
                .body("[0].reopens", equalTo(1)).body("[0].received", equalTo(1)).body("[0].responseRate", equalTo(1.0f));
        // Past the window: no rating.
        clock.advance(Duration.ofDays(8));
        neighbour = w.relogin(neighbour);
        Api.as(neighbour.token()).body(Map.of("score", 3)).post("/api/v1/threads/" + id + "/rating").then()
                .statusCode(409);
    }

    @Test
    void mergingADuplicateCarriesSupportersCommentsAndPhotosAndTellsBothRaisers() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident first = w.resident("1号楼/101");
        ThreadWorld.Resident second = w.resident("1号楼/102");
        ThreadWorld.Resident fan = w.resident("2号楼/101");
        long kept = w.raised(first, "1号楼东侧的路灯坏了，晚上一片黑", "PUBLIC");
        Map<String, Object> dup = ThreadWorld.raise("1号楼东边路灯坏了好几天了，晚上走路很黑", "PUBLIC");
        dup.put("photos", List.of(Map.of("url", "https://example.org/p1.jpg")));
        Response r = Api.as(second.token()).body(dup).post("/api/v1/threads");
        // The API offers the open public thread as a likely duplicate.
        r.then().statusCode(201).body("similar[0].id", equalTo((int) kept));
        long duplicate = ((Number) r.path("thread.id")).longValue();
        Api.as(w.committee.token()).get(w.staffPath(duplicate)).then().body("mergeSuggestions[0].id", equalTo((int) kept));
        Api.as(fan.token()).post("/api/v1/threads/" + duplicate + "/support").then().statusCode(200);
        Api.as(first.token()).post("/api/v1/threads/" + duplicate + "/support").then().statusCode(200);
        Api.as(first.token()).body(Map.of("body", "我也遇到了")).post("/api/v1/threads/" + duplicate + "/comments")
                .then().statusCode(201);

        w.act(w.worker1, duplicate, "merge", Map.of("targetThreadId", kept)).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        Response keptView = Api.as(w.committee.token()).get(w.staffPath(kept));
        keptView.then().body("supportCount", equalTo(2)).body("comments", hasSize(1))
                .body("photos[0].fromThreadId", equalTo((int) duplicate))
                .body("timeline.kind", hasItem("MERGED_IN"));
        Api.as(second.token()).get("/api/v1/threads/" + duplicate).then().body("mergedIntoRef", notNullValue());
        List<RecordingOutbox.Call> pushes = RecordingOutbox.calls(w.community);
        assertTrue(pushes.stream().anyMatch(c -> c.residentIds().contains(second.id())), pushes.toString());
        assertTrue(pushes.stream().anyMatch(c -> c.residentIds().contains(first.id())), pushes.toString());
        w.act(w.worker1, kept, "merge", Map.of("targetThreadId", duplicate)).then().statusCode(409)
                .body("code", equalTo("THREAD_MERGE_TARGET_CLOSED"));
    }
}
