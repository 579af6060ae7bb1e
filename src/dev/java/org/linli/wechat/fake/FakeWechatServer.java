package org.linli.wechat.fake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A fake of {@code https://api.weixin.qq.com} for tests and dev mode, speaking the paths and JSON WxJava uses.
 *
 * <p>Not a CDI bean: create it with a {@link Vertx}, register apps, {@link #start(int)} it and point WxJava at
 * {@link #baseUrl()}. Answers are computed when a request arrives and sent after the scripted latency using Vert.x
 * timers, so thousands of concurrent slow calls cost no threads. All methods are thread-safe.
 *
 * <p>Order of checks per call: unknown path (HTTP 404, errcode 40066), credentials (app secret or access token),
 * scripted failures ({@link #failNext} etc.), then the endpoint's own validation and answer.
 *
 * <p>Dev-control API on the same port (neither recorded nor subject to rules):
 * {@code GET /__fake/calls?openid=..&path=..} lists recorded calls (oldest first), {@code POST /__fake/reset}.
 */
public final class FakeWechatServer {

  /** Requests with larger bodies are answered with HTTP 413 and the connection is closed. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  /** Path that makes a rule match every API path. */
  public static final String ANY_PATH = FakeRules.ANY_PATH;
  public static final String CONTROL_PREFIX = "/__fake/";

  private static final Logger LOG = Logger.getLogger(FakeWechatServer.class);
  private static final String JSON_UTF8 = "application/json; charset=utf-8";
  private static final int MAX_RECORDED_CALLS = 10_000;
  private static final long START_TIMEOUT_SECONDS = 10;

  /**
   * One answered API call.
   *
   * @param openid the recipient / user: {@code touser} or {@code openid} of the body or query, or the openid
   *     a {@code jscode2session} code resolved to; null if none
   * @param appId the app whose credentials or access token were used, when known
   * @param errcode the errcode answered (0 for success, including token and session answers)
   * @param status the HTTP status answered
   * @param response the JSON body answered
   */
  public record Call(Instant at, String method, String path, Map<String, String> query, String body,
      String openid, String appId, int errcode, int status, String response) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("at", at.toString()).put("method", method).put("path", path)
          .put("query", new JsonObject(Map.copyOf(query))).put("body", body)
          .put("openid", openid).put("appId", appId)
          .put("errcode", errcode).put("status", status).put("response", response);
    }
  }

  /**
   * A message that reached a user: a successful kefu, template or subscribe send. A template send repeating the
   * openid and {@code client_msg_id} of one within the last 10 minutes is answered but not delivered again.
   *
   * @param clientMsgId the template send's {@code client_msg_id}, or null
   * @param body the request JSON
   */
  public record Delivery(Instant at, String path, String appId, String openid, String clientMsgId, JsonObject body) {
  }

  private final Vertx vertx;
  private final FakeAccounts accounts = new FakeAccounts();
  private final FakeRules rules = new FakeRules();
  private final AtomicInteger waiting = new AtomicInteger();
  private final FakeDeliveries deliveries = new FakeDeliveries();
  private final FakeEndpoints endpoints = new FakeEndpoints(accounts, deliveries);
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private int recordedCount;
  private volatile HttpServer server;
  private volatile String host = "127.0.0.1";

  public FakeWechatServer(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  // ---- lifecycle

  /** Listens on 127.0.0.1; {@code port} 0 picks a free port. Blocks until bound; returns the bound port. */
  public int start(int port) {
    return start("127.0.0.1", port);
  }

  /** Listens on {@code host}:{@code port}; must not be called on a Vert.x event-loop thread. */
  public synchronized int start(String host, int port) {
    if (server != null) {
      throw new IllegalStateException("fake WeChat server already started on port " + server.actualPort());
    }
    // Plain HTTP/1.1 like api.weixin.qq.com; no h2c upgrade (Vert.x accepts it by default, the JDK client asks).
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false);
    this.server = await(vertx.createHttpServer(options).requestHandler(this::onRequest).listen());
    this.host = host;
    LOG.infof("Fake WeChat API listening on %s", baseUrl());
    return server.actualPort();
  }

  /** Stops listening; answers still waiting on a latency timer are dropped. */
  public synchronized void stop() {
    HttpServer running = server;
    server = null;
    if (running != null) {
      await(running.close());
      LOG.info("Fake WeChat API stopped");
    }
  }

  /** The bound port, or -1 when not started. */
  public int port() {
    HttpServer running = server;
    return running == null ? -1 : running.actualPort();
  }

  /** E.g. {@code http://127.0.0.1:41234}, to use as WxJava's API host. */
  public String baseUrl() {
    if (server == null) {
      throw new IllegalStateException("fake WeChat server not started");
    }
    String shown = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    return "http://" + shown + ":" + port();
  }

  // ---- apps, tokens, codes, content

  public FakeWechatServer registerApp(String appId, String secret) {
    accounts.registerApp(appId, secret);
    return this;
  }

  /** Makes {@code code} log in as {@code openid}; {@code unionid} may be null (then none is answered). */
  public FakeWechatServer registerCode(String code, String openid, String unionid) {
    accounts.registerCode(code, openid, unionid);
    return this;
  }

  /** Lifetime of newly issued tokens (default 2 h). WxJava treats tokens as expired 200 s early. */
  public FakeWechatServer tokenTtl(Duration ttl) {
    accounts.tokenTtl(ttl);
    return this;
  }

  /** Every token issued so far is answered with 42001 from now on. */
  public FakeWechatServer expireAllTokens() {
    accounts.expireAllTokens();
    return this;
  }

  /** Every token issued so far is answered with 40001 from now on. */
  public FakeWechatServer invalidateAllTokens() {
    accounts.invalidateAllTokens();
    return this;
  }

  /** Words that make msg_sec_check answer "risky" (label 20001); default {@code 赌博}. Replaces the list. */
  public FakeWechatServer riskyWords(String... words) {
    endpoints.riskyWords(Arrays.asList(words));
    return this;
  }

  /** Words that make msg_sec_check answer "review" (label 21000); default none. Replaces the list. */
  public FakeWechatServer reviewWords(String... words) {
    endpoints.reviewWords(Arrays.asList(words));
    return this;
  }

  // ---- scripted failures and latency

  /** The next {@code times} calls of {@code path} are answered with {@code errcode}. */
  public FakeWechatServer failNext(String path, int errcode, int times) {
    rules.failNext(path, errcode, times);
    return this;
  }

  public FakeWechatServer failAlways(String path, int errcode) {
    rules.failAlways(path, errcode);
    return this;
  }

  /** Calls of {@code path} about {@code openid} (touser / openid) are answered with {@code errcode}. */
  public FakeWechatServer failFor(String path, String openid, int errcode) {
    rules.failFor(path, openid, errcode);
    return this;
  }

  /** About {@code fraction} of the calls of {@code path} fail, reproducibly for a given seed and call order. */
  public FakeWechatServer failRandomly(String path, int errcode, double fraction, long seed) {
    rules.failRandomly(path, errcode, fraction, seed);
    return this;
  }

  /** Every answer for {@code path} is delayed by {@code delay}; zero or null removes the latency. */
  public FakeWechatServer latency(String path, Duration delay) {
    rules.latency(path, delay);
    return this;
  }

  /** About {@code fraction} of the answers for {@code path} are delayed by {@code delay}. */
  public FakeWechatServer slowFraction(String path, double fraction, Duration delay) {
    return slowFraction(path, fraction, delay, path.hashCode());
  }

  public FakeWechatServer slowFraction(String path, double fraction, Duration delay, long seed) {
    rules.slowFraction(path, fraction, delay, seed);
    return this;
  }

  /** Removes all scripted failures and latencies. */
  public FakeWechatServer clearRules() {
    rules.clear();
    return this;
  }

  // ---- recorded calls

  /** All recorded calls, oldest first (at most the latest 10,000). */
  /** Requests received whose answer still waits on a scripted latency. */
  public int answersWaiting() {
    return waiting.get();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  public List<Call> callsFor(String openid) {
    return calls.stream().filter(c -> Objects.equals(c.openid(), openid)).toList();
  }

  public FakeWechatServer clearCalls() {
    synchronized (calls) {
      calls.clear();
      recordedCount = 0;
    }
    deliveries.clear();
    return this;
  }

  // ---- delivered messages

  /** Messages delivered to users, oldest first (at most the latest 200,000; cleared with the calls). */
  public List<Delivery> deliveries() {
    return deliveries.all();
  }

  public List<Delivery> deliveries(String path) {
    return deliveries.all().stream().filter(d -> d.path().equals(path)).toList();
  }

  public List<Delivery> deliveriesTo(String openid) {
    return deliveries.all().stream().filter(d -> Objects.equals(d.openid(), openid)).toList();
  }

  /** Clears calls, rules, tokens, codes and menus and restores the default risky words; apps stay registered. */
  public FakeWechatServer reset() {
    rules.clear();
    accounts.reset();
    endpoints.reset();
    return clearCalls();
  }

  // ---- HTTP

  private void onRequest(HttpServerRequest req) {
    Instant receivedAt = Instant.now();
    Buffer body = Buffer.buffer();
    // Too large: the rest is read and dropped, and 413 answered once the request is complete. Answering (and
    // closing) while the client is still sending makes it see a reset instead of the 413.
    boolean[] rejected = {declaredLength(req) > MAX_BODY_BYTES};
    req.handler(chunk -> {
      if (rejected[0]) {
        return;
      }
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        rejected[0] = true;
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(e -> LOG.debugf("Fake WeChat request %s failed: %s", req.path(), e.getMessage()));
    req.endHandler(v -> {
      if (rejected[0]) {
        rejectTooLarge(req, receivedAt);
      } else {
        dispatch(req, new FakeExchange(receivedAt, req.method().name(), req.path(), query(req),
            body.toString(StandardCharsets.UTF_8)));
      }
    });
  }

  private void dispatch(HttpServerRequest req, FakeExchange ex) {
    if (ex.path.startsWith(CONTROL_PREFIX)) {
      control(req, ex);
      return;
    }
    FakeReply reply = answer(ex);
    long delayMillis = rules.delay(ex.path).toMillis();
    if (delayMillis <= 0) {
      respond(req, ex, reply);
    } else {
      waiting.incrementAndGet();
      vertx.setTimer(delayMillis, id -> {
        waiting.decrementAndGet();
        respond(req, ex, reply);
      });
    }
  }

  private FakeReply answer(FakeExchange ex) {
    FakeEndpoints.Route route = endpoints.route(ex.path);
    if (route == null) {
      return FakeReply.error(404, WechatErrors.INVALID_URL);
    }
    try {
      int authError = route.auth().applyAsInt(ex);
      if (authError != 0) {
        return FakeReply.error(authError);
      }
      OptionalInt scripted = rules.failure(ex.path, ex.openid);
      if (scripted.isPresent()) {
        return FakeReply.error(scripted.getAsInt());
      }
      return route.handler().apply(ex);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Fake WeChat handler for %s failed", ex.path);
      return FakeReply.error(500, WechatErrors.SYSTEM_ERROR);
    }
  }

  private void respond(HttpServerRequest req, FakeExchange ex, FakeReply reply) {
    String json = reply.body().encode();
    record(new Call(ex.receivedAt, ex.method, ex.path, ex.query, ex.body, ex.openid, ex.appId,
        reply.errcode(), reply.status(), json));
    LOG.debugf("Fake WeChat %s %s -> %d errcode %d", ex.method, ex.path, reply.status(), reply.errcode());
    send(req, reply.status(), json);
  }

  private void rejectTooLarge(HttpServerRequest req, Instant receivedAt) {
    FakeReply reply = FakeReply.error(413, WechatErrors.CONTENT_TOO_LARGE);
    String json = reply.body().encode();
    record(new Call(receivedAt, req.method().name(), req.path(), query(req), "", null, null,
        reply.errcode(), reply.status(), json));
    if (!req.response().ended() && !req.response().closed()) {
      req.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8)
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(json)
          .onComplete(ar -> req.connection().close());
    }
  }

  private void control(HttpServerRequest req, FakeExchange ex) {
    if ("GET".equals(ex.method) && ex.path.equals(CONTROL_PREFIX + "calls")) {
      String openid = ex.query("openid");
      String path = ex.query("path");
      JsonArray list = new JsonArray();
      calls.stream()
          .filter(c -> openid == null || openid.equals(c.openid()))
          .filter(c -> path == null || path.equals(c.path()))
          .forEach(c -> list.add(c.toJson()));
      send(req, 200, list.encode());
    } else if ("POST".equals(ex.method) && ex.path.equals(CONTROL_PREFIX + "reset")) {
      reset();
      send(req, 200, FakeReply.ok().body().encode());
    } else {
      send(req, 404, FakeReply.error(404, WechatErrors.INVALID_URL).body().encode());
    }
  }

  private static void send(HttpServerRequest req, int status, String json) {
    if (req.response().ended() || req.response().closed()) {
      return;
    }
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8).end(json);
  }

  private void record(Call call) {
    synchronized (calls) {
      calls.add(call);
      if (++recordedCount > MAX_RECORDED_CALLS) {
        calls.poll();
        recordedCount--;
      }
    }
  }

  private static Map<String, String> query(HttpServerRequest req) {
    Map<String, String> query = new LinkedHashMap<>();
    try {
      req.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
    } catch (RuntimeException e) {
      LOG.debugf("Undecodable query on %s: %s", req.path(), e.getMessage());
    }
    return Collections.unmodifiableMap(query);
  }

  private static long declaredLength(HttpServerRequest req) {
    String header = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static <T> T await(Future<T> future) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("FakeWechatServer.start/stop block; do not call them on an event loop");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("fake WeChat server start/stop failed", e);
    }
  }
}
