package org.linli.wechat.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.subscribe.WxMpSubscribeMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the fake with real WxJava clients. */
class FakeWechatServerTest {

  private static final String MP_APP = "wx-mp-test";
  private static final String MP_SECRET = "mp-secret";
  private static final String MA_APP = "wx-ma-test";
  private static final String MA_SECRET = "ma-secret";

  private static Vertx vertx;
  private static FakeWechatServer fake;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private WxMpService mp;
  private WxMaService ma;

  @BeforeAll
  static void startFake() {
    vertx = Vertx.vertx();
    fake = new FakeWechatServer(vertx).registerApp(MP_APP, MP_SECRET).registerApp(MA_APP, MA_SECRET);
    assertTrue(fake.start(0) > 0);
    base = fake.baseUrl();
  }

  @AfterAll
  static void stopFake() throws Exception {
    fake.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @BeforeEach
  void freshClients() {
    fake.reset();
    mp = mpService(MP_SECRET, false);
    ma = maService();
  }

  @Test
  void fetchesTokenAndChecksCredentials() throws Exception {
    String token = mp.getAccessToken();
    assertTrue(token.startsWith("FAKE_"));
    FakeWechatServer.Call call = fake.calls(WechatPaths.TOKEN).get(0);
    assertEquals(MP_APP, call.query().get("appid"));
    assertEquals(0, call.errcode());

    WxErrorException wrongSecret = assertThrows(WxErrorException.class,
        () -> mpService("nope", false).getAccessToken());
    assertEquals(40001, wrongSecret.getError().getErrorCode());

    WxMpDefaultConfigImpl unknown = new WxMpDefaultConfigImpl();
    unknown.setAppId("wx-unknown");
    unknown.setSecret("x");
    unknown.setHostConfig(new WxMpHostConfig(base, base, base));
    WxMpServiceImpl unknownService = new WxMpServiceImpl();
    unknownService.setWxMpConfigStorage(unknown);
    assertEquals(40013, assertThrows(WxErrorException.class, unknownService::getAccessToken)
        .getError().getErrorCode());
  }

  @Test
  void stableTokenIsReusedUnlessForced() throws Exception {
    WxMpService stable = mpService(MP_SECRET, true);
    String first = stable.getAccessToken();
    String again = mpService(MP_SECRET, true).getAccessToken();
    String forced = stable.getAccessToken(true);
    assertEquals(first, again);
    assertNotEquals(first, forced);
    List<FakeWechatServer.Call> calls = fake.calls(WechatPaths.STABLE_TOKEN);
    assertEquals(3, calls.size());
    JsonObject body = new JsonObject(calls.get(2).body());
    assertEquals("client_credential", body.getString("grant_type"));
    assertEquals(true, body.getBoolean("force_refresh"));
    assertTrue(fake.calls(WechatPaths.TOKEN).isEmpty());
  }

  @Test
  void jsCode2SessionResolvesCodesOnce() throws Exception {
    fake.registerCode("code-alice", "o-alice", "u-alice");
    WxMaJscode2SessionResult alice = ma.jsCode2SessionInfo("code-alice");
    assertEquals("o-alice", alice.getOpenid());
    assertEquals("u-alice", alice.getUnionid());
    assertNotNull(alice.getSessionKey());

    WxErrorException reused = assertThrows(WxErrorException.class, () -> ma.jsCode2SessionInfo("code-alice"));
    assertEquals(40163, reused.getError().getErrorCode());

    assertEquals("mini-xyz", ma.jsCode2SessionInfo("xyz").getOpenid());
    assertEquals(40029, assertThrows(WxErrorException.class, () -> ma.jsCode2SessionInfo("invalid-1"))
        .getError().getErrorCode());

    // WxJava fetches an access token first, even though jscode2session does not need one.
    assertEquals(1, fake.calls(WechatPaths.TOKEN).size());
    List<FakeWechatServer.Call> sessions = fake.calls(WechatPaths.JSCODE2SESSION);
    assertEquals(List.of(0, 40163, 0, 40029), sessions.stream().map(FakeWechatServer.Call::errcode).toList());
    assertEquals("o-alice", sessions.get(1).openid());
  }

  @Test
  void recordsKefuSendWithRecipient() throws Exception {
    assertTrue(mp.getKefuService().sendKefuMessage(
        WxMpKefuMessage.TEXT().toUser("o-bob").content("你好").build()));
    List<FakeWechatServer.Call> sends = fake.calls(WechatPaths.KEFU_SEND);
    assertEquals(1, sends.size());
    assertEquals("o-bob", sends.get(0).openid());
    assertEquals(MP_APP, sends.get(0).appId());
    assertEquals("你好", new JsonObject(sends.get(0).body()).getJsonObject("text").getString("content"));
    assertEquals(1, fake.callsFor("o-bob").size());
  }

  @Test
  void failNextSurfacesAsWxErrorException() throws Exception {
    fake.failNext(WechatPaths.TEMPLATE_SEND, 45009, 1);
    WxErrorException quota = assertThrows(WxErrorException.class, () -> mp.getTemplateMsgService()
        .sendTemplateMsg(template("o-carol")));
    assertEquals(45009, quota.getError().getErrorCode());
    assertEquals("reach max api daily quota limit", quota.getError().getErrorMsgEn());

    String msgId = mp.getTemplateMsgService().sendTemplateMsg(template("o-carol"));
    assertFalse(msgId.isEmpty());
  }

  @Test
  void invalidatedTokenIsRefreshedAndRetriedOnce() throws Exception {
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-dan").content("1").build());
    fake.invalidateAllTokens();
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-dan").content("2").build());

    assertEquals(2, fake.calls(WechatPaths.TOKEN).size());
    assertEquals(List.of(0, 40001, 0), errcodes(WechatPaths.KEFU_SEND));

    fake.expireAllTokens();
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-dan").content("3").build());
    assertEquals(3, fake.calls(WechatPaths.TOKEN).size());
    assertEquals(List.of(0, 40001, 0, 42001, 0), errcodes(WechatPaths.KEFU_SEND));
  }

  @Test
  void systemErrorIsRetriedByWxJava() throws Exception {
    mp.setRetrySleepMillis(1);
    fake.failNext(WechatPaths.KEFU_SEND, -1, 2);
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-eve").content("hi").build());
    assertEquals(List.of(-1, -1, 0), errcodes(WechatPaths.KEFU_SEND));
  }

  @Test
  void latencyDelaysAnswersWithoutBlocking() throws Exception {
    mp.getAccessToken();
    fake.latency(WechatPaths.KEFU_SEND, Duration.ofMillis(300));
    long start = System.nanoTime();
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-fay").content("slow").build());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());

    // 500 concurrent slow calls finish in about one delay: timers, not sleeping threads.
    fake.latency(FakeWechatServer.ANY_PATH, Duration.ofMillis(400));
    start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      pending.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/cgi-bin/menu/get?access_token=x"))
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : pending) {
      assertEquals(40001, new JsonObject(response.get(10, TimeUnit.SECONDS).body()).getInteger("errcode"));
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMillis >= 400 && elapsedMillis < 4_000, "took " + elapsedMillis + " ms");
  }

  @Test
  void msgSecCheckFlagsRiskyWords() throws Exception {
    WxMaMsgSecCheckCheckResponse risky = ma.getSecurityService().checkMessage(WxMaMsgSecCheckCheckRequest.builder()
        .version("2").openid("o-gus").scene(2).content("一起去赌博吧").build());
    assertEquals("risky", risky.getResult().getSuggest());
    assertEquals("20001", risky.getResult().getLabel());
    assertNotNull(risky.getTraceId());

    WxMaMsgSecCheckCheckResponse pass = ma.getSecurityService().checkMessage(WxMaMsgSecCheckCheckRequest.builder()
        .version("2").openid("o-gus").scene(2).content("楼道灯坏了").build());
    assertEquals("pass", pass.getResult().getSuggest());
    assertEquals("100", pass.getResult().getLabel());

    fake.reviewWords("广告");
    assertEquals("review", ma.getSecurityService().checkMessage(WxMaMsgSecCheckCheckRequest.builder()
        .version("2").openid("o-gus").scene(2).content("小广告").build()).getResult().getSuggest());

    assertEquals(87014, assertThrows(WxErrorException.class,
        () -> ma.getSecurityService().checkMessage("赌博")).getError().getErrorCode());
    assertEquals("o-gus", fake.calls(WechatPaths.MSG_SEC_CHECK).get(0).openid());
  }

  @Test
  void failForHitsOnlyThatRecipient() throws Exception {
    fake.failFor(WechatPaths.MA_SUBSCRIBE_SEND, "o-refuser", 43101);
    WxErrorException refused = assertThrows(WxErrorException.class,
        () -> ma.getMsgService().sendSubscribeMsg(subscribe("o-refuser")));
    assertEquals(43101, refused.getError().getErrorCode());
    ma.getMsgService().sendSubscribeMsg(subscribe("o-happy"));
    assertEquals(List.of(43101, 0), errcodes(WechatPaths.MA_SUBSCRIBE_SEND));

    String msgId = mp.getSubscribeMsgService().send(WxMpSubscribeMessage.builder()
        .toUser("o-happy").templateId("tpl-1").build());
    assertFalse(msgId.isEmpty());
  }

  @Test
  void failAlwaysAndSlowFraction() throws Exception {
    fake.failAlways(WechatPaths.KEFU_SEND, 43004);
    fake.slowFraction(WechatPaths.KEFU_SEND, 1.0, Duration.ofMillis(150));
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      WxErrorException notFollowing = assertThrows(WxErrorException.class, () -> mp.getKefuService()
          .sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-jon").content("x").build()));
      assertEquals(43004, notFollowing.getError().getErrorCode());
      assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
    }
    fake.clearRules();
    assertTrue(mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-jon").content("x").build()));
  }

  @Test
  void failRandomlyIsReproducible() {
    assertEquals(randomFailures(7), randomFailures(7));
    List<Integer> run = randomFailures(7);
    long failed = run.stream().filter(e -> e != 0).count();
    assertTrue(failed > 5 && failed < 35, "failed " + failed);
  }

  @Test
  void menuCreateGetDelete() throws Exception {
    assertNull(mp.getMenuService().menuGet());
    WxMenuButton button = new WxMenuButton();
    button.setType("click");
    button.setName("报事");
    button.setKey("REPORT");
    WxMenu menu = new WxMenu();
    menu.getButtons().add(button);
    mp.getMenuService().menuCreate(menu);
    assertEquals("报事", mp.getMenuService().menuGet().getMenu().getButtons().get(0).getName());
    mp.getMenuService().menuDelete();
    assertNull(mp.getMenuService().menuGet());
  }

  @Test
  void rejectsUnknownPathsAndLargeBodies() throws Exception {
    HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cgi-bin/nope")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, unknown.statusCode());
    assertEquals(40066, new JsonObject(unknown.body()).getInteger("errcode"));

    String big = "x".repeat(FakeWechatServer.MAX_BODY_BYTES + 1);
    HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(
            URI.create(base + WechatPaths.KEFU_SEND + "?access_token=x"))
        .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(413, tooLarge.statusCode());

    // Without Content-Length (chunked) the limit is enforced while reading.
    HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(
            URI.create(base + WechatPaths.KEFU_SEND + "?access_token=x"))
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(413, chunked.statusCode());
    assertEquals(List.of(404, 413, 413), fake.calls().stream().map(FakeWechatServer.Call::status).toList());
  }

  @Test
  void controlApiListsAndResets() throws Exception {
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-hal").content("a").build());
    mp.getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-ivy").content("b").build());
    HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(
        URI.create(base + "/__fake/calls?openid=o-ivy")).build(), HttpResponse.BodyHandlers.ofString());
    JsonArray calls = new JsonArray(listed.body());
    assertEquals(1, calls.size());
    assertEquals(WechatPaths.KEFU_SEND, calls.getJsonObject(0).getString("path"));

    HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__fake/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(0, new JsonObject(reset.body()).getInteger("errcode"));
    assertTrue(fake.calls().isEmpty());
  }

  private List<Integer> randomFailures(long seed) {
    fake.reset();
    fake.failRandomly(WechatPaths.TOKEN, 45009, 0.3, seed);
    List<Integer> errcodes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base
            + "/cgi-bin/token?grant_type=client_credential&appid=" + MP_APP + "&secret=" + MP_SECRET)).build(),
            HttpResponse.BodyHandlers.ofString());
        errcodes.add(new JsonObject(r.body()).getInteger("errcode", 0));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return errcodes;
  }

  private static List<Integer> errcodes(String path) {
    return fake.calls(path).stream().map(FakeWechatServer.Call::errcode).toList();
  }

  private static WxMpTemplateMessage template(String openid) {
    return WxMpTemplateMessage.builder().toUser(openid).templateId("tpl-repair").build()
        .addData(new WxMpTemplateData("thing1", "楼道灯"));
  }

  private static WxMaSubscribeMessage subscribe(String openid) {
    return WxMaSubscribeMessage.builder().toUser(openid).templateId("tpl-progress")
        .data(List.of(new WxMaSubscribeMessage.MsgData("thing1", "已受理"))).build();
  }

  private static WxMpService mpService(String secret, boolean stable) {
    WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
    config.setAppId(MP_APP);
    config.setSecret(secret);
    config.useStableAccessToken(stable);
    config.setHostConfig(new WxMpHostConfig(base, base, base));
    WxMpServiceImpl service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(config);
    return service;
  }

  private static WxMaService maService() {
    WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
    config.setAppid(MA_APP);
    config.setSecret(MA_SECRET);
    config.setApiHostUrl(base);
    WxMaServiceImpl service = new WxMaServiceImpl();
    service.setWxMaConfig(config);
    return service;
  }
}
