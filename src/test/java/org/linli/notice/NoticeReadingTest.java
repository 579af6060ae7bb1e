package org.linli.notice;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.notice.NoticeWorld.db;
import static org.linli.notice.NoticeWorld.draft;
import static org.linli.notice.NoticeWorld.wholeCommunity;

/** What residents see and when: receipts, order, acknowledgement, schedule, expiry, withdrawal, the bot's list. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class NoticeReadingTest {

    @Inject
    NoticeService notices;

    NoticeWorld w;
    NoticeWorld.Resident resident;
    NoticeWorld.Resident neighbour;

    @BeforeEach
    void world() {
        w = NoticeWorld.create();
        resident = w.resident("1号楼/1单元/101");
        neighbour = w.resident("1号楼/1单元/102");
    }

    @Test
    void theFirstReadIsRecordedOnceAndItsTimeKept() {
        long id = w.published(draft("停水通知", wholeCommunity()));
        Response first = Api.as(resident.token()).get("/api/v1/notices/" + id);
        first.then().statusCode(200).body("title", equalTo("停水通知")).body("categoryLabel", equalTo("停水停电"))
                .body("bodyHtml", equalTo("<p>明天 9:00-17:00 停水，请提前储水。</p>"))
                .body("readAt", notNullValue()).body("acknowledgedAt", nullValue());
        String readAt = first.path("readAt");

        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(200).body("readAt", equalTo(readAt));
        assertEquals(1L, receipts(id, resident.id()));
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().statusCode(200).body("read", equalTo(1));

        Api.as(neighbour.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then().body("read", equalTo(2));
        Api.as(resident.token()).get("/api/v1/notices").then().body("items[0].read", equalTo(true));
    }

    @Test
    void unreadComeFirstThenNewestFirst() {
        long n1 = w.published(draft("一", wholeCommunity()));
        long n2 = w.published(draft("二", wholeCommunity()));
        long n3 = w.published(draft("三", wholeCommunity()));
        assertEquals(List.of(n3, n2, n1), listed(resident));

        Api.as(resident.token()).get("/api/v1/notices/" + n2).then().statusCode(200);
        assertEquals(List.of(n3, n1, n2), listed(resident));
        Api.as(resident.token()).get("/api/v1/notices/" + n3).then().statusCode(200);
        assertEquals(List.of(n1, n3, n2), listed(resident));
        Api.as(resident.token()).get("/api/v1/notices").then()
                .body("items.read", equalTo(List.of(false, true, true)));
        // Someone else's reading changes nothing for this resident.
        assertEquals(List.of(n3, n2, n1), listed(neighbour));

        Api.as(resident.token()).queryParam("size", 2).get("/api/v1/notices").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2));
        Api.as(resident.token()).queryParam("size", 2).queryParam("page", 1).get("/api/v1/notices").then()
                .body("items[0].id", equalTo((int) n2));
    }

    @Test
    void acknowledgementIsRecordedOnceAndOnlyWhereAsked() {
        Map<String, Object> d = draft("消防检查确认", wholeCommunity());
        d.put("requiresAck", true);
        d.put("category", "安全");
        long id = w.published(d);
        long plain = w.published(draft("普通", wholeCommunity()));

        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(200)
                .body("requiresAck", equalTo(true)).body("category", equalTo("SAFETY"))
                .body("acknowledgedAt", nullValue());
        Response acked = Api.as(resident.token()).post("/api/v1/notices/" + id + "/ack");
        acked.then().statusCode(200).body("acknowledgedAt", notNullValue()).body("readAt", notNullValue());
        String at = acked.path("acknowledgedAt");
        Api.as(resident.token()).post("/api/v1/notices/" + id + "/ack").then().statusCode(200)
                .body("acknowledgedAt", equalTo(at));

        // Confirming without opening first counts as reading at the same instant.
        Response direct = Api.as(neighbour.token()).post("/api/v1/notices/" + id + "/ack");
        direct.then().statusCode(200);
        assertEquals((String) direct.path("readAt"), direct.path("acknowledgedAt"));

        Api.as(resident.token()).post("/api/v1/notices/" + plain + "/ack").then().statusCode(409)
                .body("code", equalTo("NOTICE_NO_ACK"));
        Api.as(NoticeWorld.login().token()).post("/api/v1/notices/" + id + "/ack").then().statusCode(404);
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then()
                .body("read", equalTo(2)).body("acknowledged", equalTo(2));
        Api.as(resident.token()).get("/api/v1/notices").then()
                .body("items.find { it.id == " + id + " }.acknowledged", equalTo(true));
    }

    @Test
    void aScheduledNoticeStaysInvisibleUntilItsTimeAndIsPushedForThen() {
        OffsetDateTime at = OffsetDateTime.now().plusHours(2).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> d = draft("周末活动", wholeCommunity());
        d.put("category", "活动");
        d.put("publishAt", at.toString());
        Response r = w.publish(w.committee.token(), d);
        r.then().statusCode(201).body("notice.status", equalTo("SCHEDULED")).body("notice.statusLabel", equalTo("待发布"));
        long id = ((Number) r.path("notice.id")).longValue();

        RecordingOutbox.Call call = RecordingOutbox.calls(w.community).get(0);
        assertEquals(at.toInstant(), call.message().notBefore());
        assertEquals(at.toInstant(), OffsetDateTime.parse(r.path("push.notBefore")).toInstant());
        OffsetDateTime shown = OffsetDateTime.parse(r.path("notice.publishAt"));
        assertEquals(at.toInstant(), shown.toInstant());
        assertEquals("+08:00", shown.getOffset().getId());

        Api.as(resident.token()).get("/api/v1/notices").then().body("items", hasSize(0));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(404).body("code", equalTo("NOTICE_NOT_FOUND"));
        assertTrue(latest(resident).isEmpty());
        Api.as(w.committee.token()).queryParam("status", "SCHEDULED").get("/api/v1/communities/" + w.community + "/notices")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo((int) id));

        moveTimes(id, OffsetDateTime.now().minusMinutes(1), null);
        Api.as(resident.token()).get("/api/v1/notices").then().body("items.id", equalTo(List.of((int) id)));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        Api.as(w.committee.token()).get(w.staffPath(id)).then().body("status", equalTo("PUBLISHED"));
    }

    @Test
    void anExpiredNoticeLeavesTheListAndSaysSo() {
        Map<String, Object> d = draft("限时", wholeCommunity());
        d.put("expiresAt", OffsetDateTime.now().plusHours(1).toString());
        long id = w.published(d);
        Api.as(resident.token()).get("/api/v1/notices").then().body("items", hasSize(1));

        moveTimes(id, OffsetDateTime.now().minusHours(2), OffsetDateTime.now().minusHours(1));
        Api.as(resident.token()).get("/api/v1/notices").then().body("items", hasSize(0)).body("total", equalTo(0));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(410).body("code", equalTo("NOTICE_EXPIRED"));
        Api.as(w.committee.token()).get(w.staffPath(id)).then().statusCode(200).body("status", equalTo("EXPIRED"));

        Map<String, Object> past = draft("已过期", wholeCommunity());
        past.put("expiresAt", OffsetDateTime.now().minusMinutes(1).toString());
        w.publish(w.committee.token(), past).then().statusCode(400).body("code", equalTo("NOTICE_EXPIRY_BEFORE_PUBLISH"));
        Map<String, Object> late = draft("补发", wholeCommunity());
        late.put("publishAt", OffsetDateTime.now().minusDays(1).toString());
        w.publish(w.committee.token(), late).then().statusCode(400).body("code", equalTo("NOTICE_PUBLISH_IN_PAST"));
    }

    @Test
    void aWithdrawnNoticeIsGoneForResidentsAndFrozenForStaff() {
        long id = w.published(draft("发错了", wholeCommunity()));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(200);
        int queued = Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then()
                .body("delivery.cancelled", equalTo(0)).extract().path("delivery.pending");
        assertTrue(queued > 0, "the pushes wait for the worker");

        Response withdrawn = Api.as(w.committee.token()).post(w.staffPath(id) + "/withdraw");
        withdrawn.then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("withdrawnAt", notNullValue());
        Api.as(w.committee.token()).post(w.staffPath(id) + "/withdraw").then().statusCode(200)
                .body("withdrawnAt", equalTo(withdrawn.path("withdrawnAt")));
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then()
                .body("delivery.queued", equalTo(queued)).body("delivery.pending", equalTo(0))
                .body("delivery.cancelled", equalTo(queued)).body("delivery.delivered", equalTo(0));

        Api.as(resident.token()).get("/api/v1/notices").then().body("items", hasSize(0));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(410).body("code", equalTo("NOTICE_WITHDRAWN"));
        Api.as(neighbour.token()).get("/api/v1/notices/" + id).then().statusCode(410);
        Api.as(w.committee.token()).body(Map.of("title", "改", "body", "改", "category", "OTHER"))
                .put(w.staffPath(id)).then().statusCode(409).body("code", equalTo("NOTICE_WITHDRAWN"));
        Api.as(w.committee.token()).queryParam("status", "WITHDRAWN").get("/api/v1/communities/" + w.community + "/notices")
                .then().body("items.id", equalTo(List.of((int) id)));
        Api.as(w.committee.token()).queryParam("status", "PUBLISHED").get("/api/v1/communities/" + w.community + "/notices")
                .then().body("total", equalTo(0));
    }

    @Test
    void theBotGetsTheNewestThreeWithLinks() {
        long n1 = w.published(draft("一", wholeCommunity()));
        long n2 = w.published(draft("二", wholeCommunity()));
        Map<String, Object> urgent = draft("三", wholeCommunity());
        urgent.put("priority", "URGENT");
        long n3 = w.published(urgent);
        long n4 = w.published(draft("四", wholeCommunity()));
        Api.as(resident.token()).get("/api/v1/notices/" + n3).then().statusCode(200);

        List<NoticeLink> links = latest(resident);
        assertEquals(List.of(n4, n3, n2), links.stream().map(NoticeLink::id).toList());
        assertEquals("pages/notice/detail?id=" + n4, links.get(0).path());
        assertEquals("停水停电", links.get(0).categoryLabel());
        assertTrue(links.get(1).urgent() && links.get(1).read());
        assertFalse(links.get(0).urgent() || links.get(0).read());
        assertTrue(latest(NoticeWorld.login()).isEmpty());
        assertEquals(4, Api.as(resident.token()).get("/api/v1/notices").<Integer>path("total"));
        assertTrue(n1 < n2);
    }

    private List<NoticeLink> latest(NoticeWorld.Resident r) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> notices.latestFor(r.id(), 3));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> listed(NoticeWorld.Resident r) {
        return NoticeWorld.ids(Api.as(r.token()).get("/api/v1/notices").then().statusCode(200).extract().response(),
                "items.id");
    }

    private static long receipts(long noticeId, long residentId) {
        return db(() -> NativeSql.of("select count(*) from notice_read where notice_id = :n and resident_id = :r")
                .param("n", noticeId).param("r", residentId).number());
    }

    private static void moveTimes(long noticeId, OffsetDateTime publishAt, OffsetDateTime expiresAt) {
        db(() -> Panache.withTransaction(() -> Notice.update("publishAt = ?1, expiresAt = ?2 where id = ?3",
                publishAt, expiresAt, noticeId)));
    }
}
