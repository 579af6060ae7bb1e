package org.linli.wechat.fake;

import io.vertx.core.json.JsonObject;

/** The HTTP status and JSON body the fake API answers with. */
record FakeReply(int status, JsonObject body) {

  static FakeReply ok() {
    return ok(new JsonObject());
  }

  /** {@code {"errcode":0,"errmsg":"ok", ...extra}}. */
  static FakeReply ok(JsonObject extra) {
    JsonObject body = new JsonObject().put("errcode", 0).put("errmsg", "ok");
    return new FakeReply(200, body.mergeIn(extra));
  }

  /** A body without errcode, as WeChat answers token and session requests. */
  static FakeReply plain(JsonObject body) {
    return new FakeReply(200, body);
  }

  /** WeChat answers API errors with HTTP 200. */
  static FakeReply error(int errcode) {
    return error(200, errcode);
  }

  static FakeReply error(int status, int errcode) {
    return new FakeReply(status, new JsonObject().put("errcode", errcode).put("errmsg", WechatErrors.message(errcode)));
  }

  int errcode() {
    return body.getInteger("errcode", 0);
  }
}
