package org.linli.wechat.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** The WeChat API paths the fake understands: credential checks and the answers on success. */
final class FakeEndpoints {

  static final String DEFAULT_RISKY_WORD = "赌博";

  /** Checks credentials (0 = fine, else the errcode), then produces the answer. */
  record Route(ToIntFunction<FakeExchange> auth, Function<FakeExchange, FakeReply> handler) {
  }

  private final FakeAccounts accounts;
  private final Map<String, Route> routes;
  private final Map<String, JsonObject> menus = new ConcurrentHashMap<>();
  private final Set<String> riskyWords = ConcurrentHashMap.newKeySet();
  private final Set<String> reviewWords = ConcurrentHashMap.newKeySet();
  private final AtomicLong msgIds = new AtomicLong(3_000_000_000L);
  private final FakeDeliveries deliveries;

  FakeEndpoints(FakeAccounts accounts, FakeDeliveries deliveries) {
    this.accounts = accounts;
    this.deliveries = deliveries;
    this.routes = Map.ofEntries(
        Map.entry(WechatPaths.TOKEN, new Route(this::tokenAuth, this::token)),
        Map.entry(WechatPaths.STABLE_TOKEN, new Route(this::stableTokenAuth, this::stableToken)),
        Map.entry(WechatPaths.JSCODE2SESSION, new Route(this::sessionAuth, this::jscode2session)),
        Map.entry(WechatPaths.KEFU_SEND, new Route(this::accessToken, ex -> send(ex, false, false))),
        Map.entry(WechatPaths.TEMPLATE_SEND, new Route(this::accessToken, ex -> send(ex, true, true))),
        Map.entry(WechatPaths.MP_SUBSCRIBE_SEND, new Route(this::accessToken, ex -> send(ex, true, true))),
        Map.entry(WechatPaths.MA_SUBSCRIBE_SEND, new Route(this::accessToken, ex -> send(ex, true, true))),
        Map.entry(WechatPaths.MSG_SEC_CHECK, new Route(this::accessToken, this::msgSecCheck)),
        Map.entry(WechatPaths.MEDIA_CHECK_ASYNC, new Route(this::accessToken, this::mediaCheckAsync)),
        Map.entry(WechatPaths.MENU_CREATE, new Route(this::accessToken, this::menuCreate)),
        Map.entry(WechatPaths.MENU_GET, new Route(this::accessToken, this::menuGet)),
        Map.entry(WechatPaths.MENU_DELETE, new Route(this::accessToken, this::menuDelete)),
        Map.entry(WechatPaths.QRCODE_CREATE, new Route(this::accessToken, this::qrcodeCreate)));
    reset();
  }

  Route route(String path) {
    return routes.get(path);
  }

  void riskyWords(Collection<String> words) {
    riskyWords.clear();
    riskyWords.addAll(words);
  }

  void reviewWords(Collection<String> words) {
    reviewWords.clear();
    reviewWords.addAll(words);
  }

  void reset() {
    menus.clear();
    riskyWords(List.of(DEFAULT_RISKY_WORD));
    reviewWords.clear();
  }

  // ---- credentials

  private int tokenAuth(FakeExchange ex) {
    if (!"client_credential".equals(ex.query("grant_type"))) {
      return WechatErrors.INVALID_GRANT_TYPE;
    }
    ex.appId = ex.query("appid");
    return accounts.checkApp(ex.appId, ex.query("secret"), WechatErrors.INVALID_CREDENTIAL);
  }

  private int stableTokenAuth(FakeExchange ex) {
    if (ex.json == null) {
      return ex.body.isBlank() ? WechatErrors.EMPTY_POST_DATA : WechatErrors.DATA_FORMAT_ERROR;
    }
    if (!"client_credential".equals(ex.jsonString("grant_type"))) {
      return WechatErrors.INVALID_GRANT_TYPE;
    }
    ex.appId = ex.jsonString("appid");
    return accounts.checkApp(ex.appId, ex.jsonString("secret"), WechatErrors.INVALID_CREDENTIAL);
  }

  /** jscode2session authenticates with appid + secret; WxJava also appends an access_token, which WeChat ignores. */
  private int sessionAuth(FakeExchange ex) {
    if (!"authorization_code".equals(ex.query("grant_type"))) {
      return WechatErrors.INVALID_GRANT_TYPE;
    }
    ex.appId = ex.query("appid");
    return accounts.checkApp(ex.appId, ex.query("secret"), WechatErrors.INVALID_APPSECRET);
  }

  private int accessToken(FakeExchange ex) {
    String token = ex.query("access_token");
    int errcode = accounts.checkToken(token);
    if (errcode == 0) {
      ex.appId = accounts.appOf(token).orElse(null);
    }
    return errcode;
  }

  // ---- answers

  private FakeReply token(FakeExchange ex) {
    return tokenReply(accounts.issue(ex.appId, false, false));
  }

  private FakeReply stableToken(FakeExchange ex) {
    boolean force = Boolean.parseBoolean(ex.jsonString("force_refresh"));
    return tokenReply(accounts.issue(ex.appId, true, force));
  }

  private FakeReply tokenReply(FakeAccounts.Token token) {
    return FakeReply.plain(new JsonObject()
        .put("access_token", token.value())
        .put("expires_in", token.expiresInSeconds(Instant.now())));
  }

  private FakeReply jscode2session(FakeExchange ex) {
    String code = ex.query("js_code");
    if (code == null || code.isEmpty()) {
      return FakeReply.error(WechatErrors.CODE_MISSING);
    }
    FakeAccounts.CodeUser user = accounts.userOf(code);
    ex.openid = user.openid();
    if (code.startsWith("invalid")) {
      return FakeReply.error(WechatErrors.INVALID_CODE);
    }
    if (!accounts.redeem(code)) {
      return FakeReply.error(WechatErrors.CODE_BEEN_USED);
    }
    JsonObject body = new JsonObject()
        .put("session_key", FakeAccounts.randomSessionKey())
        .put("openid", user.openid());
    if (user.unionid() != null) {
      body.put("unionid", user.unionid());
    }
    return FakeReply.plain(body);
  }

  /** Kefu, template and subscribe sends: a recipient is required; template sends also need a template_id. */
  private FakeReply send(FakeExchange ex, boolean needsTemplate, boolean returnsMsgId) {
    FakeReply malformed = requireJson(ex);
    if (malformed != null) {
      return malformed;
    }
    if (ex.openid == null) {
      return FakeReply.error(WechatErrors.INVALID_OPENID);
    }
    if (needsTemplate && isBlank(ex.jsonString("template_id"))) {
      return FakeReply.error(WechatErrors.INVALID_TEMPLATE_ID);
    }
    String clientMsgId = WechatPaths.TEMPLATE_SEND.equals(ex.path) ? ex.jsonString("client_msg_id") : null;
    Long repeated = deliveries.repeatOf(ex.appId, ex.openid, clientMsgId, ex.receivedAt);
    if (repeated != null) {
      return FakeReply.ok(new JsonObject().put("msgid", repeated));
    }
    Long msgId = returnsMsgId ? msgIds.incrementAndGet() : null;
    deliveries.deliver(new FakeWechatServer.Delivery(ex.receivedAt, ex.path, ex.appId, ex.openid, clientMsgId,
        ex.json.copy()), msgId);
    return msgId != null ? FakeReply.ok(new JsonObject().put("msgid", msgId)) : FakeReply.ok();
  }

  /** Version 2 answers a verdict; version 1 answers 87014 for risky content. */
  private FakeReply msgSecCheck(FakeExchange ex) {
    FakeReply malformed = requireJson(ex);
    if (malformed != null) {
      return malformed;
    }
    String content = String.join("\n", nonNull(ex.jsonString("content")), nonNull(ex.jsonString("title")),
        nonNull(ex.jsonString("nickname")), nonNull(ex.jsonString("signature")));
    String risky = firstContained(riskyWords, content);
    String review = risky == null ? firstContained(reviewWords, content) : null;
    if (!"2".equals(ex.jsonString("version"))) {
      return risky != null ? FakeReply.error(WechatErrors.RISKY_CONTENT) : FakeReply.ok();
    }
    if (ex.openid == null) {
      return FakeReply.error(WechatErrors.INVALID_OPENID);
    }
    Integer scene = ex.json.getValue("scene") instanceof Number n ? n.intValue() : null;
    if (scene == null || scene < 1 || scene > 4) {
      return FakeReply.error(WechatErrors.ARGUMENT_INVALID);
    }
    String suggest = risky != null ? "risky" : review != null ? "review" : "pass";
    int label = risky != null ? 20001 : review != null ? 21000 : 100;
    JsonArray detail = new JsonArray().add(new JsonObject()
        .put("strategy", "content_model").put("errcode", 0).put("suggest", suggest).put("label", label)
        .put("prob", "pass".equals(suggest) ? 0 : 90));
    String keyword = risky != null ? risky : review;
    if (keyword != null) {
      detail.add(new JsonObject().put("strategy", "keyword").put("errcode", 0).put("suggest", suggest)
          .put("label", label).put("level", 90).put("keyword", keyword));
    }
    return FakeReply.ok(new JsonObject()
        .put("result", new JsonObject().put("suggest", suggest).put("label", label))
        .put("detail", detail)
        .put("trace_id", FakeAccounts.randomToken(12)));
  }

  /**
   * Accepts an image for the asynchronous check and answers its trace_id; WeChat's verdict arrives later as a
   * {@code wxa_media_check} event on the Mini-Program's message push URL (tests send that callback themselves).
   */
  private FakeReply mediaCheckAsync(FakeExchange ex) {
    FakeReply malformed = requireJson(ex);
    if (malformed != null) {
      return malformed;
    }
    String url = ex.jsonString("media_url");
    Integer type = ex.json.getValue("media_type") instanceof Number n ? n.intValue() : null;
    if (url == null || url.isBlank() || type == null || type < 1 || type > 2
        || !"2".equals(String.valueOf(ex.json.getValue("version")))) {
      return FakeReply.error(WechatErrors.ARGUMENT_INVALID);
    }
    if (ex.openid == null) {
      return FakeReply.error(WechatErrors.INVALID_OPENID);
    }
    return FakeReply.ok(new JsonObject().put("trace_id", FakeAccounts.randomToken(16)));
  }

  private FakeReply menuCreate(FakeExchange ex) {
    FakeReply malformed = requireJson(ex);
    if (malformed != null) {
      return malformed;
    }
    if (!(ex.json.getValue("button") instanceof JsonArray)) {
      return FakeReply.error(WechatErrors.DATA_FORMAT_ERROR);
    }
    menus.put(ex.appId, ex.json.copy());
    return FakeReply.ok();
  }

  private FakeReply menuGet(FakeExchange ex) {
    JsonObject menu = menus.get(ex.appId);
    return menu == null
        ? FakeReply.error(WechatErrors.MENU_NOT_EXIST)
        : FakeReply.plain(new JsonObject().put("menu", menu.copy()));
  }

  private FakeReply menuDelete(FakeExchange ex) {
    menus.remove(ex.appId);
    return FakeReply.ok();
  }

  // ---- helpers

  private static FakeReply requireJson(FakeExchange ex) {
    if (ex.json != null) {
      return null;
    }
    return FakeReply.error(ex.body.isBlank() ? WechatErrors.EMPTY_POST_DATA : WechatErrors.DATA_FORMAT_ERROR);
  }

  private static String firstContained(Collection<String> words, String text) {
    return words.stream().filter(w -> !w.isEmpty() && text.contains(w)).findFirst().orElse(null);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  // ---- parametric QR codes (the scene comes back in the SCAN / subscribe event as EventKey)

  private FakeReply qrcodeCreate(FakeExchange ex) {
    JsonObject scene = ex.json == null ? null : ex.json.getJsonObject("action_info", new JsonObject())
        .getJsonObject("scene", new JsonObject());
    String action = ex.json == null ? null : ex.json.getString("action_name");
    if (scene == null || action == null) {
      return FakeReply.error(WechatErrors.DATA_FORMAT_ERROR);
    }
    String value = scene.containsKey("scene_str") ? scene.getString("scene_str") : String.valueOf(scene.getValue("scene_id"));
    boolean temporary = action.startsWith("QR_") && !action.contains("LIMIT");
    int expire = temporary ? ex.json.getInteger("expire_seconds", 30) : 0;
    String ticket = "fake-ticket-" + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JsonObject answer = new JsonObject().put("ticket", ticket)
        .put("url", "http://weixin.qq.com/q/fake-" + value);
    if (temporary) {
      answer.put("expire_seconds", expire);
    }
    return FakeReply.ok(answer);
  }
}
