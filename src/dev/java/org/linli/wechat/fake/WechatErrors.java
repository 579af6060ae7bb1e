package org.linli.wechat.fake;

import java.util.Map;

/** WeChat API error codes and the (English) errmsg texts the real API answers with. */
public final class WechatErrors {

  public static final int SYSTEM_ERROR = -1;
  public static final int INVALID_CREDENTIAL = 40001;
  public static final int INVALID_OPENID = 40003;
  public static final int INVALID_APPID = 40013;
  public static final int INVALID_CODE = 40029;
  public static final int INVALID_TEMPLATE_ID = 40037;
  public static final int INVALID_URL = 40066;
  public static final int INVALID_APPSECRET = 40125;
  public static final int CODE_BEEN_USED = 40163;
  public static final int ACCESS_TOKEN_MISSING = 41001;
  public static final int APPID_MISSING = 41002;
  public static final int APPSECRET_MISSING = 41004;
  public static final int CODE_MISSING = 41008;
  public static final int ACCESS_TOKEN_EXPIRED = 42001;
  public static final int REQUIRE_SUBSCRIBE = 43004;
  public static final int USER_REFUSED = 43101;
  public static final int EMPTY_POST_DATA = 44002;
  public static final int CONTENT_TOO_LARGE = 45002;
  public static final int DAILY_QUOTA = 45009;
  public static final int RESPONSE_OUT_OF_TIME = 45015;
  public static final int RESPONSE_COUNT_LIMIT = 45047;
  public static final int MENU_NOT_EXIST = 46003;
  public static final int DATA_FORMAT_ERROR = 47001;
  public static final int ARGUMENT_INVALID = 47003;
  public static final int API_UNAUTHORIZED = 48001;
  public static final int INVALID_GRANT_TYPE = 40002;
  public static final int RISKY_CONTENT = 87014;

  private static final Map<Integer, String> MESSAGES = Map.ofEntries(
      Map.entry(0, "ok"),
      Map.entry(SYSTEM_ERROR, "system error"),
      Map.entry(INVALID_CREDENTIAL, "invalid credential"),
      Map.entry(INVALID_GRANT_TYPE, "invalid grant_type"),
      Map.entry(INVALID_OPENID, "invalid openid"),
      Map.entry(INVALID_APPID, "invalid appid"),
      Map.entry(INVALID_CODE, "invalid code"),
      Map.entry(INVALID_TEMPLATE_ID, "invalid template_id"),
      Map.entry(INVALID_URL, "invalid url"),
      Map.entry(INVALID_APPSECRET, "invalid appsecret"),
      Map.entry(CODE_BEEN_USED, "code been used"),
      Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
      Map.entry(APPID_MISSING, "appid missing"),
      Map.entry(APPSECRET_MISSING, "appsecret missing"),
      Map.entry(CODE_MISSING, "missing code"),
      Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
      Map.entry(REQUIRE_SUBSCRIBE, "require subscribe"),
      Map.entry(USER_REFUSED, "user refuse to accept the msg"),
      Map.entry(EMPTY_POST_DATA, "empty post data"),
      Map.entry(CONTENT_TOO_LARGE, "content size out of limit"),
      Map.entry(DAILY_QUOTA, "reach max api daily quota limit"),
      Map.entry(RESPONSE_OUT_OF_TIME, "response out of time limit"),
      Map.entry(RESPONSE_COUNT_LIMIT, "out of response count limit"),
      Map.entry(MENU_NOT_EXIST, "menu no exist"),
      Map.entry(DATA_FORMAT_ERROR, "data format error"),
      Map.entry(ARGUMENT_INVALID, "argument invalid"),
      Map.entry(API_UNAUTHORIZED, "api unauthorized"),
      Map.entry(RISKY_CONTENT, "risky content"));

  private WechatErrors() {
  }

  /** The errmsg WeChat sends with {@code errcode}; a generic text for codes this fake does not know. */
  public static String message(int errcode) {
    return MESSAGES.getOrDefault(errcode, "fake error " + errcode);
  }
}
