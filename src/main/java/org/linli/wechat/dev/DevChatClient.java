package org.linli.wechat.dev;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.linli.common.Workers;
import org.linli.wechat.WechatConfig;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds callbacks the way WeChat's servers do and posts them to our own endpoint over HTTP. */
@Singleton
@UnlessBuildProfile("prod")
class DevChatClient {

    private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis());
    private static final String ACCOUNT = "gh_linli_dev";

    private final WechatConfig config;
    private final WxMpService mp;
    private final Workers workers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    DevChatClient(WechatConfig config, WxMpService mp, Workers workers) {
        this.config = config;
        this.mp = mp;
        this.workers = workers;
    }

    /** type: text | voice | click | subscribe | location | image. */
    public record Outgoing(@NotBlank @Size(max = 64) String openid, @NotBlank @Size(max = 32) String type, String text, String key, Double latitude, Double longitude,
                           boolean encrypted) {
    }

    public record Result(int status, String reply, String raw, long millis) {
    }

    Uni<Result> send(String endpoint, Outgoing message) {
        return workers.call(() -> post(endpoint, message));
    }

    private Result post(String endpoint, Outgoing m) throws Exception {
        String xml = xml(m);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString().substring(0, 12);
        String query = "signature=" + SHA1.gen(config.mp().token(), timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&openid=" + URLEncoder.encode(m.openid(), StandardCharsets.UTF_8);
        String body = xml;
        if (m.encrypted()) {
            WxMpCryptUtil crypt = new WxMpCryptUtil(mp.getWxMpConfigStorage());
            // The plaintext starts with exactly 16 random bytes.
            String cipher = crypt.encrypt(UUID.randomUUID().toString().replace("-", "").substring(0, 16), xml);
            body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + cipher
                    + "]]></Encrypt></xml>";
            query += "&encrypt_type=aes&msg_signature=" + SHA1.gen(config.mp().token(), timestamp, nonce, cipher);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?" + query))
                        .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String raw = response.body();
        String plain = m.encrypted() && raw.contains("<Encrypt>")
                ? new WxMpCryptUtil(mp.getWxMpConfigStorage()).decryptXml(tag(raw, "MsgSignature"),
                tag(raw, "TimeStamp"), tag(raw, "Nonce"), raw)
                : raw;
        String reply = plain.contains("<Content>") ? tag(plain, "Content") : plain;
        return new Result(response.statusCode(), reply, raw, millis);
    }

    private static String xml(Outgoing m) {
        long now = System.currentTimeMillis() / 1000;
        String head = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA["
                + cdata(m.openid()) + "]]></FromUserName><CreateTime>" + now + "</CreateTime>";
        String type = m.type() == null ? "text" : m.type();
        return head + switch (type) {
            case "subscribe" -> "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>";
            case "click" -> "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA["
                    + cdata(m.key()) + "]]></EventKey></xml>";
            case "location" -> "<MsgType><![CDATA[location]]></MsgType><Location_X>" + m.latitude()
                    + "</Location_X><Location_Y>" + m.longitude() + "</Location_Y><Scale>15</Scale><Label><![CDATA["
                    + cdata(m.text()) + "]]></Label><MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId></xml>";
            case "image" -> "<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://example.invalid/dev.jpg]]>"
                    + "</PicUrl><MediaId><![CDATA[dev-media-" + MSG_IDS.incrementAndGet() + "]]></MediaId><MsgId>"
                    + MSG_IDS.incrementAndGet() + "</MsgId></xml>";
            case "voice" -> "<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[dev-voice]]></MediaId>"
                    + "<Format><![CDATA[amr]]></Format><Recognition><![CDATA[" + cdata(m.text())
                    + "]]></Recognition><MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId></xml>";
            default -> "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + cdata(m.text())
                    + "]]></Content><MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId></xml>";
        };
    }

    private static String cdata(String s) {
        return s == null ? "" : s.replace("]]>", "]]]]><![CDATA[>");
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[(.*?)]]>|([^<]*))</" + name + ">", Pattern.DOTALL)
                .matcher(xml);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "";
    }
}
