package org.linli.wechat.mp;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.util.xml.XStreamTransformer;
import org.linli.bot.Conversations;
import org.linli.bot.IncomingMessage;
import org.linli.bot.RateLimiter;
import org.linli.bot.Reply;
import org.linli.common.ProblemMessages;
import org.linli.wechat.WechatConfig;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Official Account callback, top to bottom: verify, decrypt, refuse hostile XML, de-duplicate, hand the
 * message to the bot, and answer within WeChat's deadline (or answer "success" and send the reply later).
 */
@Singleton
class MpCallbackService {

    static final String SUCCESS = "success";

    private final CallbackVerifier verifier;
    private final CallbackDedupe dedupe;
    private final Conversations bot;
    private final KefuReplies kefu;
    private final WxMpService mp;
    private final WechatConfig config;
    private final SubscribeMsgEvents subscribeEvents;

    MpCallbackService(CallbackVerifier verifier, CallbackDedupe dedupe, Conversations bot, KefuReplies kefu,
                      WxMpService mp, WechatConfig config, SubscribeMsgEvents subscribeEvents) {
        this.subscribeEvents = subscribeEvents;
        this.verifier = verifier;
        this.dedupe = dedupe;
        this.bot = bot;
        this.kefu = kefu;
        this.mp = mp;
        this.config = config;
    }

    Uni<String> handle(CallbackParams params, String body) {
        verifier.verify(params);
        String xml = params.encrypted() ? verifier.decrypt(params, body) : body;
        WxMpXmlMessage message = parse(xml);
        IncomingMessage incoming = MessageMapper.toIncoming(message);
        String key = MessageMapper.dedupeKey(message);
        boolean byUser = MessageMapper.byUser(message);
        return dedupe.admit(key, params, incoming, byUser)
                .chain(claim -> {
                    if (claim.first()) {
                        return subscribeEvents.handles(message) ? recordConsents(message, key)
                                : answer(incoming, key, claim.verdict());
                    }
                    // WeChat's retry of a message we have (or are) answering: the same reply, no second effect.
                    Uni<CallbackDedupe.Claim> settled = claim.pending()
                            ? dedupe.awaitAnswer(key, config.mp().replyDeadline()) : Uni.createFrom().item(claim);
                    return settled.map(c -> c.reply().orElse(null));
                })
                .onFailure(e -> !(e instanceof CallbackRejected)).recoverWithItem(e -> {
                    // Redis or the database failing must not show the user "该公众号暂时无法提供服务".
                    Log.error("Callback could not be handled", e);
                    // WeChat's own reports (send results, consent changes) get no text: nobody is waiting for one.
                    return byUser ? ProblemMessages.text("BOT_UNAVAILABLE") : null;
                })
                .map(text -> render(message, text, params.encrypted()));
    }

    /** Consents from a subscribe-notification event; nothing is said to the user. */
    private Uni<String> recordConsents(WxMpXmlMessage message, String key) {
        return subscribeEvents.apply(message).replaceWith((String) null).call(() -> dedupe.complete(key, null));
    }

    /** Runs the bot; past the deadline the reply goes out by customer-service message instead. */
    private Uni<String> answer(IncomingMessage incoming, String key, RateLimiter.Verdict verdict) {
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<String> work = bot.handle(incoming, verdict)
                .onFailure().recoverWithItem(e -> {
                    Log.error("Bot failed on a message", e);
                    return Reply.text(ProblemMessages.text("BOT_UNAVAILABLE"));
                })
                .map(Reply::text)
                .call(text -> dedupe.complete(key, text))
                .subscribeAsCompletionStage();
        // Past the deadline, whoever turns "late" off first delivers: the passive reply or the kefu message.
        work.thenAccept(text -> {
            if (late.compareAndSet(true, false) && text != null && !text.isEmpty()) {
                kefu.send(incoming.openid(), text).subscribe().with(sent -> { }, e -> Log.warn("kefu failed", e));
            }
        });
        // A copy, so that giving up on it at the deadline does not cancel the work itself.
        return Uni.createFrom().completionStage(work.copy())
                .ifNoItem().after(config.mp().replyDeadline()).recoverWithItem(() -> {
                    late.set(true);
                    return work.isDone() && late.compareAndSet(true, false) ? work.getNow(null) : null;
                });
    }

    private String render(WxMpXmlMessage message, String text, boolean encrypted) {
        if (text == null || text.isEmpty()) {
            return SUCCESS;
        }
        WxMpXmlOutMessage out = WxMpXmlOutMessage.TEXT().content(text)
                .fromUser(message.getToUser()).toUser(message.getFromUser()).build();
        return encrypted ? out.toEncryptedXml(mp.getWxMpConfigStorage()) : out.toXml();
    }

    private static WxMpXmlMessage parse(String xml) {
        String head = xml.stripLeading();
        if (!head.startsWith("<")) {
            throw CallbackRejected.malformed();
        }
        String upper = xml.toUpperCase(Locale.ROOT);
        if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
            throw CallbackRejected.dtdForbidden();
        }
        try {
            // As WxMpXmlMessage.fromXml, minus its getAllFieldsMap(), which we never read and which builds a new JAXP
            // SAX parser per call: about a third of the callback's CPU under load.
            WxMpXmlMessage message = XStreamTransformer.fromXml(WxMpXmlMessage.class,
                    xml.replace("</PicList><PicList>", ""));
            if (message.getFromUser() == null || message.getToUser() == null) {
                throw CallbackRejected.malformed();
            }
            return message;
        } catch (RuntimeException e) {
            if (e instanceof CallbackRejected rejected) {
                throw rejected;
            }
            throw CallbackRejected.malformed();
        }
    }
}
