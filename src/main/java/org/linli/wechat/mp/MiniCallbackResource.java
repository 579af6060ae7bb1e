package org.linli.wechat.mp;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.thread.PhotoChecks;
import org.linli.wechat.WechatConfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The Mini-Program's message push (消息推送): WeChat verifies the URL with GET and posts events, in JSON or XML,
 * plain or in safe mode, signed with the Mini-Program's own token. Linli reads one event, {@code wxa_media_check}
 * (the verdict of an image check), and answers {@code success} to everything else.
 */
@Path("/wechat/mini")
@PermitAll
@Tag(name = "wechat", description = "小程序消息推送")
public class MiniCallbackResource {

    static final String MEDIA_CHECK = "wxa_media_check";
    private final Optional<CallbackCrypto> crypto;
    private final PhotoChecks photos;

    MiniCallbackResource(WechatConfig config, Clock clock, PhotoChecks photos) {
        WechatConfig.Mini mini = config.mini();
        this.crypto = mini.token().filter(t -> !t.isBlank()).map(token -> new CallbackCrypto(token, mini.aesKey(),
                mini.appId(), mini.replayWindow(), clock));
        this.photos = photos;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String verify(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                         @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        if (echostr == null || !crypto().signedByWechat(signature, timestamp, nonce)) {
            throw CallbackRejected.badSignature();
        }
        return echostr;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> receive(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                               @QueryParam("nonce") String nonce, @QueryParam("encrypt_type") String encryptType,
                               @QueryParam("msg_signature") String msgSignature, RoutingContext routing) {
        CallbackCrypto crypto = crypto();
        crypto.verify(signature, timestamp, nonce);
        byte[] raw = routing.get(CallbackBodyLimit.BODY); // at most 64 KB, read by CallbackBodyLimit
        if (raw == null) {
            throw CallbackRejected.malformed();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        if ("aes".equalsIgnoreCase(encryptType)) {
            body = crypto.decrypt(cipherText(body), msgSignature, timestamp, nonce);
        }
        WxMaMessage message = parse(body);
        if (!MEDIA_CHECK.equals(message.getEvent())) {
            return Uni.createFrom().item(MpCallbackService.SUCCESS);
        }
        String suggest = message.getResult() == null ? null : message.getResult().getSuggest();
        return photos.verdict(message.getTraceId(), suggest)
                .invoke(n -> Log.debugf("wxa_media_check %s: %s (%d photos)", message.getTraceId(), suggest, n))
                .replaceWith(MpCallbackService.SUCCESS);
    }

    private CallbackCrypto crypto() {
        return crypto.orElseThrow(CallbackRejected::badSignature);
    }

    private static String cipherText(String body) {
        String head = body.stripLeading();
        if (!head.startsWith("{")) {
            return CallbackCrypto.xmlCipherText(body);
        }
        String cipher = json(head).getValue("Encrypt") instanceof String c ? c : null;
        if (cipher == null || cipher.isBlank()) {
            throw CallbackRejected.malformed();
        }
        return cipher.replaceAll("\\s", "");
    }

    private static WxMaMessage parse(String body) {
        String head = body.stripLeading();
        try {
            if (head.startsWith("{")) {
                json(head); // well-formed, or 400 before WxJava's Gson sees it
                return WxMaMessage.fromJson(head);
            }
            String upper = head.toUpperCase(Locale.ROOT);
            if (!head.startsWith("<") || upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
                throw head.startsWith("<") ? CallbackRejected.dtdForbidden() : CallbackRejected.malformed();
            }
            return WxMaMessage.fromXml(head);
        } catch (CallbackRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw CallbackRejected.malformed();
        }
    }

    private static JsonObject json(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw CallbackRejected.malformed();
        }
    }
}
