package org.linli.notice;

import org.linli.common.NativeSql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.notice.NoticeWorld.db;
import static org.linli.notice.NoticeWorld.draft;
import static org.linli.notice.NoticeWorld.wholeCommunity;

/** Edits keep every version and push again only on request; a failing outbox leaves nothing behind. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class NoticeEditTest {

    NoticeWorld w;
    NoticeWorld.Resident resident;

    @BeforeEach
    void world() {
        w = NoticeWorld.create();
        resident = w.resident("2号楼/1单元/101");
    }

    @Test
    void editsKeepTheHistoryAndRenotifyOnlyWhenAsked() {
        long id = w.published(draft("停水通知", wholeCommunity()));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then().statusCode(200);

        Api.as(w.committee.token()).body(edit("停水通知（时间调整）", "改为 10:00-16:00 停水。"))
                .put(w.staffPath(id)).then().statusCode(200)
                .body("notice.version", equalTo(2)).body("notice.title", equalTo("停水通知（时间调整）"))
                .body("push", nullValue());
        assertEquals(1, RecordingOutbox.calls(w.community).size());

        Api.as(w.committee.token()).get(w.staffPath(id) + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("title", equalTo(List.of("停水通知", "停水通知（时间调整）")))
                .body("[0].body", equalTo("明天 9:00-17:00 停水，请提前储水。"))
                .body("[1].editedBy", equalTo((int) w.committee.id()));
        Api.as(resident.token()).get("/api/v1/notices/" + id).then()
                .body("version", equalTo(2)).body("body", equalTo("改为 10:00-16:00 停水。"));

        Api.as(w.committee.token()).queryParam("renotify", true).body(edit("停水通知（再次调整）", "改为 12:00 开始。"))
                .put(w.staffPath(id)).then().statusCode(200)
                .body("notice.version", equalTo(3)).body("push.sourceRef", equalTo("notice:" + id + ":v3"));
        List<RecordingOutbox.Call> calls = RecordingOutbox.calls(w.community);
        assertEquals(2, calls.size());
        assertEquals("notice:" + id + ":v1", calls.get(0).message().sourceRef());
        assertEquals("notice:" + id + ":v3", calls.get(1).message().sourceRef());
        assertTrue(calls.get(1).message().summary().startsWith("通知已更新"), calls.get(1).message().summary());
        assertEquals("停水通知（再次调整）", calls.get(1).message().title());
        assertEquals(new HashSet<>(calls.get(0).residentIds()), new HashSet<>(calls.get(1).residentIds()));

        Map<String, Object> inBody = edit("停水通知（最终）", "12:00 开始。");
        inBody.put("renotify", true);
        Api.as(w.committee.token()).body(inBody).put(w.staffPath(id)).then().statusCode(200)
                .body("push.sourceRef", equalTo("notice:" + id + ":v4"));
        assertEquals(3, RecordingOutbox.calls(w.community).size());
        Api.as(w.committee.token()).get(w.staffPath(id) + "/versions").then().body("", hasSize(4));
        // v1 and v3 were still waiting for the worker when renotified: the residents get v4 only.
        int perPush = calls.get(0).residentIds().size();
        Api.as(w.committee.token()).get(w.staffPath(id) + "/stats").then()
                .body("delivery.pushes", equalTo(3)).body("delivery.queued", equalTo(3 * perPush))
                .body("delivery.pending", equalTo(perPush)).body("delivery.cancelled", equalTo(2 * perPush))
                .body("delivery.delivered", equalTo(0));
    }

    @Test
    void pushesStillWaitingFollowTheNoticesNewExpiry() {
        Map<String, Object> d = draft("周末停车场封闭", wholeCommunity());
        OffsetDateTime tonight = OffsetDateTime.now().plusHours(3).withNano(0);
        d.put("expiresAt", tonight.toString());
        long id = w.published(d);
        assertEquals(tonight.toInstant(), pushExpiry(id).toInstant());

        OffsetDateTime monday = tonight.plusDays(2);
        Map<String, Object> extended = edit("周末停车场封闭（延长）", "封闭延长到周一。");
        extended.put("expiresAt", monday.toString());
        Api.as(w.committee.token()).body(extended).put(w.staffPath(id)).then().statusCode(200);
        assertEquals(monday.toInstant(), pushExpiry(id).toInstant(), "a push held for the morning is still sent");

        Map<String, Object> open = edit("周末停车场封闭（另行通知）", "恢复时间另行通知。");
        Api.as(w.committee.token()).body(open).put(w.staffPath(id)).then().statusCode(200);
        assertNull(pushExpiry(id));
    }

    private OffsetDateTime pushExpiry(long noticeId) {
        return db(() -> NativeSql.of("select m.expires_at from push_message m where m.source_ref = :ref")
                .param("ref", "notice:" + noticeId + ":v1").rows()
                .map(rows -> NativeSql.time(rows.get(0)[0])));
    }

    @Test
    void aScheduledNoticeIsEditedButNotRenotified() {
        Map<String, Object> d = draft("下周活动", wholeCommunity());
        d.put("publishAt", OffsetDateTime.now().plusDays(1).toString());
        long id = w.published(d);
        Api.as(w.committee.token()).queryParam("renotify", true).body(edit("下周活动（改）", "改"))
                .put(w.staffPath(id)).then().statusCode(409).body("code", equalTo("NOTICE_NOT_YET_PUBLISHED"));
        Api.as(w.committee.token()).body(edit("下周活动（改）", "改")).put(w.staffPath(id)).then().statusCode(200)
                .body("notice.status", equalTo("SCHEDULED")).body("notice.version", equalTo(2));
        assertEquals(1, RecordingOutbox.calls(w.community).size());
    }

    @Test
    void aFailingOutboxRollsThePublicationBack() {
        RecordingOutbox.failNextEnqueue(w.community);
        w.publish(w.committee.token(), draft("不该留下", wholeCommunity())).then().statusCode(500)
                .body("code", equalTo("INTERNAL_ERROR"));

        assertEquals(0L, count("select count(*) from notice where community_id = :c"));
        assertEquals(0L, count("select count(*) from notice_household where community_id = :c"));
        assertEquals(0L, count("select count(*) from notice_version v join notice n on n.id = v.notice_id"
                + " where n.community_id = :c"));
        Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/notices").then().body("total", equalTo(0));
        Api.as(resident.token()).get("/api/v1/notices").then().body("items", hasSize(0));

        long id = w.published(draft("重发", wholeCommunity()));
        assertEquals(1, RecordingOutbox.calls(w.community).size());

        RecordingOutbox.failNextEnqueue(w.community);
        Api.as(w.committee.token()).queryParam("renotify", true).body(edit("改了", "改了"))
                .put(w.staffPath(id)).then().statusCode(500);
        Api.as(w.committee.token()).get(w.staffPath(id)).then().body("version", equalTo(1)).body("title", equalTo("重发"));
        Api.as(w.committee.token()).get(w.staffPath(id) + "/versions").then().body("", hasSize(1));
    }

    @Test
    void titleAndBodyLengthsAreChecked() {
        w.publish(w.committee.token(), draft("题".repeat(65), wholeCommunity())).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("title"));
        Map<String, Object> longBody = draft("正文太长", wholeCommunity());
        longBody.put("body", "字".repeat(20_001));
        w.publish(w.committee.token(), longBody).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("body"));
        Map<String, Object> badCategory = draft("分类", wholeCommunity());
        badCategory.put("category", "八卦");
        w.publish(w.committee.token(), badCategory).then().statusCode(400).body("errors[0].field", equalTo("category"));
        assertEquals(0, RecordingOutbox.calls(w.community).size());

        Map<String, Object> limits = draft("题".repeat(64), wholeCommunity());
        limits.put("body", "字".repeat(20_000));
        w.publish(w.committee.token(), limits).then().statusCode(201);
    }

    @Test
    void aTwoMegabyteBodyIsRefusedWith413() throws Exception {
        Map<String, Object> huge = draft("超大", wholeCommunity());
        huge.put("body", "x".repeat(2 * 1024 * 1024));
        w.publish(w.committee.token(), huge).then().statusCode(413).body("code", equalTo("NOTICE_TOO_LARGE"));
        // The declared length is refused before anything else, even before the caller is checked.
        io.restassured.RestAssured.given().contentType("application/json").body(huge)
                .post("/api/v1/communities/" + w.community + "/notices").then().statusCode(413);

        long id = w.published(draft("正常", wholeCommunity()));
        Map<String, Object> hugeEdit = edit("超大", "x".repeat(2 * 1024 * 1024));
        Api.as(w.committee.token()).body(hugeEdit).put(w.staffPath(id)).then().statusCode(413);

        // Without Content-Length (chunked), the bytes received are counted instead.
        int status = ChunkedUpload.post(w, "/api/v1/communities/" + w.community + "/notices", w.committee.token(),
                2 * 1024 * 1024);
        assertEquals(413, status);
        assertEquals(1L, count("select count(*) from notice where community_id = :c"));
    }

    @Test
    void hostileMarkupComesOutEscaped() {
        Map<String, Object> d = draft("<b>标题</b>", wholeCommunity());
        d.put("format", "MARKDOWN");
        d.put("body", """
                ## 注意 <script>alert('x')</script>
                <img src=x onerror="alert(1)">
                - [点我](javascript:alert(1))
                - [官网](https://example.org/a?b=1&c="x")
                **重要**：请<script>document.cookie</script>保管好钥匙
                """);
        Response r = w.publish(w.committee.token(), d);
        r.then().statusCode(201);
        long id = ((Number) r.path("notice.id")).longValue();

        for (Response view : List.of(Api.as(w.committee.token()).get(w.staffPath(id)),
                Api.as(resident.token()).get("/api/v1/notices/" + id))) {
            view.then().statusCode(200)
                    .body("bodyHtml", not(containsString("<script")))
                    .body("bodyHtml", not(containsString("<img")))
                    .body("bodyHtml", not(containsString("href=\"javascript")))
                    .body("bodyHtml", containsString("<h4>注意 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h4>"))
                    .body("bodyHtml", containsString("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"))
                    .body("bodyHtml", containsString("<strong>重要</strong>"))
                    .body("bodyHtml", containsString("<li>[点我](javascript:alert(1))</li>"))
                    .body("title", equalTo("<b>标题</b>"));
        }
    }

    @Test
    void attachmentsMustBeWechatMediaOrHttpsLinks() {
        Map<String, Object> ok = draft("有附件", wholeCommunity());
        ok.put("attachments", List.of(
                Map.of("type", "URL", "ref", "https://example.org/停水范围.pdf", "name", " 停水范围.pdf "),
                Map.of("type", "WECHAT_MEDIA", "ref", "MEDIA_id-123")));
        long id = ((Number) w.publish(w.committee.token(), ok).then().statusCode(201).extract().path("notice.id")).longValue();
        Api.as(resident.token()).get("/api/v1/notices/" + id).then()
                .body("attachments.type", equalTo(List.of("URL", "WECHAT_MEDIA")))
                .body("attachments[0].name", equalTo("停水范围.pdf"))
                .body("attachments[1].ref", equalTo("MEDIA_id-123"));

        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("type", "URL", "ref", "http://example.org/a.pdf"),
                Map.<String, Object>of("type", "URL", "ref", "javascript:alert(1)"),
                Map.<String, Object>of("type", "URL", "ref", "https://user:pw@example.org/"),
                Map.<String, Object>of("type", "WECHAT_MEDIA", "ref", "media id with spaces"))) {
            Map<String, Object> d = draft("坏附件", wholeCommunity());
            d.put("attachments", List.of(Map.of("type", "URL", "ref", "https://example.org/"), bad));
            w.publish(w.committee.token(), d).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors.field", equalTo(List.of("attachments[1]")));
        }
        Map<String, Object> tooMany = draft("太多", wholeCommunity());
        tooMany.put("attachments", java.util.Collections.nCopies(10, Map.of("type", "WECHAT_MEDIA", "ref", "m1")));
        w.publish(w.committee.token(), tooMany).then().statusCode(400);
        assertEquals(1L, count("select count(*) from notice where community_id = :c"));
    }

    private static Map<String, Object> edit(String title, String body) {
        return new java.util.HashMap<>(Map.of("title", title, "body", body, "category", "UTILITIES"));
    }

    private long count(String sql) {
        return db(() -> NativeSql.of(sql).param("c", w.community).number());
    }
}
