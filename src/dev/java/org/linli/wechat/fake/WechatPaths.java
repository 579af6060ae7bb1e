package org.linli.wechat.fake;

/** The api.weixin.qq.com paths the fake answers, for {@link FakeWechatServer#calls(String)} and the rules. */
public final class WechatPaths {

  public static final String TOKEN = "/cgi-bin/token";
  public static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  public static final String JSCODE2SESSION = "/sns/jscode2session";
  public static final String KEFU_SEND = "/cgi-bin/message/custom/send";
  public static final String TEMPLATE_SEND = "/cgi-bin/message/template/send";
  public static final String MP_SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/bizsend";
  public static final String MA_SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";
  public static final String MSG_SEC_CHECK = "/wxa/msg_sec_check";
  public static final String MEDIA_CHECK_ASYNC = "/wxa/media_check_async";
  public static final String MENU_CREATE = "/cgi-bin/menu/create";
  public static final String MENU_GET = "/cgi-bin/menu/get";
  public static final String MENU_DELETE = "/cgi-bin/menu/delete";
  public static final String QRCODE_CREATE = "/cgi-bin/qrcode/create";

  private WechatPaths() {
  }
}
