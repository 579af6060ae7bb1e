package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Residents' photos go through WeChat's asynchronous image check before neighbours see them: submitted by the pass,
 * judged by a real signed {@code wxa_media_check} callback on the Mini-Program's message push (safe mode, WxJava's
 * crypto), held for staff when WeChat cannot judge them.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PhotoCheckTest {

    static final String MINI_TOKEN = "linliminidemotoken";
    static final String MINI_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";
    static final String MINI_APP_ID = "wx-demo-mini-appid";

    @Inject
    PhotoChecks checks;
    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
        ThreadWorld.fake().clearRules();
    }

    @Test
    void neighboursSeeAPhotoOnlyAfterWechatPassedIt() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        ThreadWorld.Resident neighbour = w.resident("1号楼/102");
        long id = raisedWithPhotos(w, raiser, "https://img.example.org/lamp.jpg", "https://img.example.org/bad.jpg");

        Api.as(raiser.token()).get("/api/v1/threads/" + id).then().statusCode(200)
                .body("photos", hasSize(2)).body("photos.check", equalTo(List.of("PENDING", "PENDING")));
        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().statusCode(200).body("photos", hasSize(0));

        ThreadWorld.db(checks::submitPending);
        List<FakeWechatServer.Call> sent = ThreadWorld.fake().calls(WechatPaths.MEDIA_CHECK_ASYNC).stream()
                .filter(c -> c.openid() != null && c.openid().equals(raiser.openid())).toList();
        assertEquals(2, sent.size(), "both photos handed to WeChat with the raiser's Mini-Program openid");
        List<String> traces = ThreadWorld.db(() -> NativeSql.of("select check_trace_id from thread_photo where thread_id = :t"
                + " order by id").param("t", id).column()).stream().map(String::valueOf).toList();
        assertEquals(0, ThreadWorld.db(checks::submitPending), "a photo is handed over once");

        mediaCheck(traces.get(0), "pass", true).then().statusCode(200).body(equalTo("success"));
        mediaCheck(traces.get(1), "risky", false).then().statusCode(200).body(equalTo("success"));
        mediaCheck(traces.get(1), "pass", true).then().statusCode(200); // a late contradicting event changes nothing

        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().statusCode(200)
                .body("photos", hasSize(1)).body("photos[0].url", equalTo("https://img.example.org/lamp.jpg"));
        Api.as(w.committee.token()).get(w.staffPath(id)).then().statusCode(200)
                .body("photos.check", equalTo(List.of("PASS", "RISKY")))
                .body("timeline.note", hasItem("图片未通过微信内容审核，已隐藏"));
        Api.as(raiser.token()).get("/api/v1/threads/" + id).then()
                .body("timeline.note", org.hamcrest.Matchers.not(hasItem("图片未通过微信内容审核，已隐藏")));
    }

    @Test
    void aPhotoWechatCannotJudgeIsHeldForStaffWhoReleaseIt() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        ThreadWorld.Resident neighbour = w.resident("1号楼/102");
        ThreadWorld.fake().failAlways(WechatPaths.MEDIA_CHECK_ASYNC, -1);
        long id = raisedWithPhotos(w, raiser, "https://img.example.org/door.jpg");

        ThreadWorld.db(checks::submitPending);
        assertEquals("PENDING", checkOf(id), "WeChat busy: tried again later, not published");
        assertEquals(0, ThreadWorld.db(checks::submitPending), "not again before the retry delay");
        clock.advance(PhotoChecks.RETRY_AFTER.plusSeconds(1));
        ThreadWorld.db(checks::submitPending);
        clock.advance(PhotoChecks.RETRY_AFTER.plusSeconds(1));
        ThreadWorld.db(checks::submitPending);
        assertEquals("HELD", checkOf(id), "after " + PhotoChecks.ATTEMPTS + " failures: held for staff");
        clock.reset();
        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().body("photos", hasSize(0));

        long photo = ThreadWorld.db(() -> NativeSql.of("select id from thread_photo where thread_id = :t").param("t", id)
                .number());
        Api.as(w.worker2.token()).body(Map.of("decision", "RELEASE", "photoId", photo))
                .post(w.staffPath(id) + "/moderation").then().statusCode(404); // not in the other grid's reach
        Api.as(w.worker1.token()).body(Map.of("decision", "RELEASE", "photoId", photo + 10_000))
                .post(w.staffPath(id) + "/moderation").then().statusCode(404)
                .body("code", equalTo("THREAD_PHOTO_NOT_FOUND"));
        Api.as(w.worker1.token()).body(Map.of("decision", "RELEASE", "photoId", photo, "reason", "门禁照片，无问题"))
                .post(w.staffPath(id) + "/moderation").then().statusCode(200).body("photos[0].check", equalTo("PASS"));
        Api.as(neighbour.token()).get("/api/v1/threads/" + id).then().body("photos", hasSize(1));
        assertEquals(1L, (long) ThreadWorld.db(() -> NativeSql.of("select count(*) from thread_moderation where photo_id = :p")
                .param("p", photo).number()), "audited");
    }

    @Test
    void aResidentWithoutAMiniProgramIdentityHasTheirPhotosHeld() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("2号楼/101");
        long id = raisedWithPhotos(w, raiser, "https://img.example.org/car.jpg");
        // As for a photo sent in the Official Account chat: no Mini-Program openid WeChat could check with.
        ThreadWorld.db(() -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> NativeSql.of(
                "update resident set mini_openid = null where id = :r").param("r", raiser.id()).update()));
        ThreadWorld.db(checks::submitPending);
        assertEquals("HELD", checkOf(id));
    }

    @Test
    void theMessagePushRefusesWhatIsNotFromWechat() {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String nonce = "n" + UUID.randomUUID().toString().substring(0, 8);
        String sig = SHA1.gen(MINI_TOKEN, ts, nonce);
        given().queryParam("signature", sig).queryParam("timestamp", ts).queryParam("nonce", nonce)
                .queryParam("echostr", "hello").get("/wechat/mini").then().statusCode(200).body(equalTo("hello"));
        given().queryParam("signature", SHA1.gen("linlidemotoken", ts, nonce)).queryParam("timestamp", ts)
                .queryParam("nonce", nonce).queryParam("echostr", "x").get("/wechat/mini").then().statusCode(401)
                .body("code", equalTo("CALLBACK_SIGNATURE")); // the Official Account's token is not this one
        String old = String.valueOf(clock.instant().minus(Duration.ofHours(1)).getEpochSecond());
        post(old, nonce, SHA1.gen(MINI_TOKEN, old, nonce), null, "{}").then().statusCode(401)
                .body("code", equalTo("CALLBACK_STALE"));
        post(ts, nonce, sig, null, "{\"Event\":").then().statusCode(400).body("code", equalTo("CALLBACK_MALFORMED"));
        post(ts, nonce, sig, null, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>")
                .then().statusCode(400).body("code", equalTo("CALLBACK_DTD"));
        JsonObject event = mediaCheckEvent("unknown-trace", "pass");
        String cipher = new WxCryptUtil(MINI_TOKEN, MINI_AES_KEY, "wx-another-app").encrypt("abcdefghijklmnop",
                event.encode());
        post(ts, nonce, sig, SHA1.gen(MINI_TOKEN, ts, nonce, cipher),
                new JsonObject().put("ToUserName", "gh_mini").put("Encrypt", cipher).encode())
                .then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE")); // another appid inside
        post(ts, nonce, sig, null, event.encode()).then().statusCode(200).body(equalTo("success")); // unknown trace
        post(ts, nonce, sig, null, new JsonObject().put("MsgType", "event").put("Event", "user_enter_tempsession")
                .encode()).then().statusCode(200).body(equalTo("success"));
    }

    private long raisedWithPhotos(ThreadWorld w, ThreadWorld.Resident r, String... urls) {
        Map<String, Object> body = ThreadWorld.raise("1号楼门禁坏了，门一直关不上，请尽快修理", "PUBLIC");
        body.put("photos", java.util.Arrays.stream(urls).map(u -> Map.of("url", u)).toList());
        Response resp = Api.as(r.token()).body(body).post("/api/v1/threads");
        resp.then().statusCode(201);
        return ((Number) resp.path("thread.id")).longValue();
    }

    private static String checkOf(long threadId) {
        return (String) ThreadWorld.db(() -> NativeSql.of("select check_status from thread_photo where thread_id = :t")
                .param("t", threadId).column()).get(0);
    }

    private static JsonObject mediaCheckEvent(String trace, String suggest) {
        return new JsonObject().put("ToUserName", "gh_mini").put("FromUserName", "o-mini").put("CreateTime", 1)
                .put("MsgType", "event").put("Event", "wxa_media_check").put("appid", MINI_APP_ID)
                .put("trace_id", trace).put("version", 2)
                .put("result", new JsonObject().put("suggest", suggest).put("label", "pass".equals(suggest) ? 100 : 20002));
    }

    /** The verdict as WeChat pushes it: JSON, plain or safe mode, signed with the Mini-Program's token. */
    private Response mediaCheck(String trace, String suggest, boolean encrypted) {
        assertNotNull(trace);
        assertFalse(trace.isBlank());
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String nonce = "n" + UUID.randomUUID().toString().substring(0, 8);
        String json = mediaCheckEvent(trace, suggest).encode();
        if (!encrypted) {
            return post(ts, nonce, SHA1.gen(MINI_TOKEN, ts, nonce), null, json);
        }
        String cipher = new WxCryptUtil(MINI_TOKEN, MINI_AES_KEY, MINI_APP_ID).encrypt("0123456789abcdef", json);
        return post(ts, nonce, SHA1.gen(MINI_TOKEN, ts, nonce), SHA1.gen(MINI_TOKEN, ts, nonce, cipher),
                new JsonObject().put("ToUserName", "gh_mini").put("Encrypt", cipher).encode());
    }

    private static Response post(String ts, String nonce, String signature, String msgSignature, String body) {
        var request = given().contentType("application/json").queryParam("signature", signature)
                .queryParam("timestamp", ts).queryParam("nonce", nonce);
        if (msgSignature != null) {
            request = request.queryParam("encrypt_type", "aes").queryParam("msg_signature", msgSignature);
        }
        return request.body(body).post("/wechat/mini");
    }
}
