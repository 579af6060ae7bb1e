package org.linli.wechat.fake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/** One request to the fake API, with what the handlers learned about it (app, recipient). */
final class FakeExchange {

  final Instant receivedAt;
  final String method;
  final String path;
  final Map<String, String> query;
  final String body;
  /** The body parsed as a JSON object, or null when it is empty or not a JSON object. */
  final JsonObject json;
  /** The user the call is about: {@code touser} / {@code openid} of the body or query, or the session's openid. */
  String openid;
  /** The app the access token or credentials belong to, once known. */
  String appId;

  FakeExchange(Instant receivedAt, String method, String path, Map<String, String> query, String body) {
    this.receivedAt = receivedAt;
    this.method = method;
    this.path = path;
    this.query = query;
    this.body = body;
    this.json = parse(body);
    this.openid = firstNonEmpty(
        json == null ? null : json.getValue("touser"),
        json == null ? null : json.getValue("openid"),
        query.get("openid"));
  }

  String query(String name) {
    return query.get(name);
  }

  /** True when the request carried a body that is not a JSON object. */
  boolean malformedBody() {
    return json == null && !body.isBlank();
  }

  String jsonString(String field) {
    Object value = json == null ? null : json.getValue(field);
    return value == null ? null : value.toString();
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static String firstNonEmpty(Object... values) {
    for (Object value : values) {
      if (value instanceof String s && !s.isEmpty()) {
        return s;
      }
    }
    return null;
  }
}
