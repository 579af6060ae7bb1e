package org.linli.support;

import io.restassured.response.Response;
import org.linli.bot.IncomingMessage;
import org.linli.bot.Reply;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Builds callbacks exactly as WeChat's servers do: signed query strings and, in safe mode, bodies encrypted with
 * WxJava's own crypto. Values match the test profile's linli.wechat.mp.* settings.
 */
public final class WechatCallbacks {

    public static final String TOKEN = "linlidemotoken";
    public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public static final String APP_ID = "wx-demo-mp-appid";
    public static final String ACCOUNT = "gh_linli_demo";

    private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private WechatCallbacks() {
    }

    public record Query(String timestamp, String nonce, String signature) {
        public static Query now() {
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            String nonce = UUID.randomUUID().toString().substring(0, 10);
            return new Query(ts, nonce, SHA1.gen(TOKEN, ts, nonce));
        }

        public static Query at(long epochSecond) {
            String nonce = UUID.randomUUID().toString().substring(0, 10);
            String ts = String.valueOf(epochSecond);
            return new Query(ts, nonce, SHA1.gen(TOKEN, ts, nonce));
        }
    }

    public static long nextMsgId() {
        return MSG_IDS.incrementAndGet();
    }

    public static String text(String openid, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    public static String event(String openid, String event, String eventKey, long createTime) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>"
                + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>") + "</xml>";
    }

    /**
     * A subscribe-notification event ({@code subscribe_msg_popup_event}, {@code _change_event}, {@code _sent_event})
     * with one {@code <List>} per item, each item being the inner XML, e.g. {@link #consentItem}.
     */
    public static String subscribeMsgEvent(String openid, String event, String wrapper, long createTime,
                                           String... items) {
        StringBuilder lists = new StringBuilder();
        for (String item : items) {
            lists.append("<List>").append(item).append("</List>");
        }
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event><" + wrapper + ">" + lists + "</" + wrapper + "></xml>";
    }

    public static String consentItem(String templateId, String status) {
        return "<TemplateId><![CDATA[" + templateId + "]]></TemplateId><SubscribeStatusString><![CDATA[" + status
                + "]]></SubscribeStatusString><PopupScene>2</PopupScene>";
    }

    /** WeChat's XML for a message as the bot sees it (the inverse of the gateway's mapping). */
    public static String xml(IncomingMessage m) {
        long now = System.currentTimeMillis() / 1000;
        String head = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA["
                + m.openid() + "]]></FromUserName><CreateTime>" + now + "</CreateTime>";
        String msgId = "<MsgId>" + nextMsgId() + "</MsgId></xml>";
        return head + switch (m.kind()) {
            case TEXT -> "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + m.text() + "]]></Content>" + msgId;
            case VOICE -> "<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[" + m.mediaId()
                    + "]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[" + m.text()
                    + "]]></Recognition>" + msgId;
            case IMAGE -> "<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[" + m.pictureUrl()
                    + "]]></PicUrl><MediaId><![CDATA[" + m.mediaId() + "]]></MediaId>" + msgId;
            case LOCATION -> "<MsgType><![CDATA[location]]></MsgType><Location_X>" + m.location().latitude()
                    + "</Location_X><Location_Y>" + m.location().longitude() + "</Location_Y><Scale>15</Scale>"
                    + "<Label><![CDATA[" + m.location().label() + "]]></Label>" + msgId;
            case SUBSCRIBE -> eventBody("subscribe", m.eventKey());
            case UNSUBSCRIBE -> eventBody("unsubscribe", null);
            case MENU_CLICK -> eventBody("CLICK", m.eventKey());
            case SCAN -> eventBody("SCAN", m.eventKey());
            case OTHER -> "<MsgType><![CDATA[shortvideo]]></MsgType>" + msgId;
        };
    }

    private static String eventBody(String event, String key) {
        // Events carry no MsgId; WeChat de-duplicates them by sender + CreateTime, so make each one distinct.
        return "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + (key == null ? "" : "<EventKey><![CDATA[" + key + "]]></EventKey>") + "</xml>";
    }

    /** Sends the message signed (and encrypted if asked) to /wechat/mp and reads the passive reply. */
    public static Reply exchange(IncomingMessage message, boolean encrypted) {
        String xml = xml(message);
        String body = (encrypted ? postEncrypted(xml, APP_ID) : postPlain(xml)).then().statusCode(200)
                .extract().asString();
        if ("success".equals(body)) {
            return Reply.NONE;
        }
        String plain = encrypted ? decryptReply(body) : body;
        return Reply.text(tag(plain, "Content"));
    }

    public static Response postPlain(String xml) {
        return postPlain(xml, Query.now());
    }

    public static Response postPlain(String xml, Query q) {
        return given().contentType("text/xml; charset=UTF-8")
                .queryParam("signature", q.signature()).queryParam("timestamp", q.timestamp())
                .queryParam("nonce", q.nonce()).queryParam("openid", "ignored")
                .body(xml).post("/wechat/mp");
    }

    /** Safe mode: encrypts with WxJava for the given appid and signs the ciphertext. */
    public static Response postEncrypted(String xml, String appId) {
        String envelope = crypt(appId).encrypt(xml);
        String ts = tag(envelope, "TimeStamp");
        String nonce = tag(envelope, "Nonce");
        String encrypt = tag(envelope, "Encrypt");
        String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt></xml>";
        return given().contentType("text/xml; charset=UTF-8")
                .queryParam("signature", SHA1.gen(TOKEN, ts, nonce)).queryParam("timestamp", ts)
                .queryParam("nonce", nonce).queryParam("encrypt_type", "aes")
                .queryParam("msg_signature", tag(envelope, "MsgSignature"))
                .body(body).post("/wechat/mp");
    }

    /** Decrypts an encrypted passive reply the way WeChat would, checking its msg signature. */
    public static String decryptReply(String replyXml) {
        return crypt(APP_ID).decryptXml(tag(replyXml, "MsgSignature"), tag(replyXml, "TimeStamp"),
                tag(replyXml, "Nonce"), replyXml);
    }

    private static WxMpCryptUtil crypt(String appId) {
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setAppId(appId);
        config.setToken(TOKEN);
        config.setAesKey(AES_KEY);
        return new WxMpCryptUtil(config);
    }

    public static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[(.*?)]]>|([^<]*))</" + name + ">", Pattern.DOTALL)
                .matcher(xml);
        if (!m.find()) {
            throw new AssertionError("No <" + name + "> in " + xml);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
