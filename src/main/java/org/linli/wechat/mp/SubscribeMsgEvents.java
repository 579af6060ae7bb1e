package org.linli.wechat.mp;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.bean.message.WxMpSubscribeMsgEvent;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.linli.identity.MpResidents;
import org.linli.push.WechatConsents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Official Account's subscribe-notification events, turned into consents for the push engine's MP_SUBSCRIBE
 * channel: an accepted popup template is one send; a template switched off in WeChat's settings leaves none; a send
 * WeChat reports as refused (43101) leaves none and its delivery tries the next channel. They are answered "success": nothing is said to the user, even when
 * recording fails.
 */
@Singleton
class SubscribeMsgEvents {

    private static final String ACCEPT = "accept";
    private static final String REJECT = "reject";
    private static final String REFUSED = "43101";

    private final MpResidents residents;
    private final WechatConsents consents;
    private final Clock clock;

    SubscribeMsgEvents(MpResidents residents, WechatConsents consents, Clock clock) {
        this.residents = residents;
        this.consents = consents;
        this.clock = clock;
    }

    boolean handles(WxMpXmlMessage m) {
        return WxConsts.XmlMsgType.EVENT.equals(m.getMsgType()) && m.getEvent() != null && switch (m.getEvent()) {
            case WxConsts.EventType.SUBSCRIBE_MSG_POPUP_EVENT, WxConsts.EventType.SUBSCRIBE_MSG_CHANGE_EVENT,
                 WxConsts.EventType.SUBSCRIBE_MSG_SENT_EVENT -> true;
            default -> false;
        };
    }

    Uni<Void> apply(WxMpXmlMessage m) {
        Instant at = m.getCreateTime() == null ? clock.instant() : Instant.ofEpochSecond(m.getCreateTime());
        return residents.ensure(m.getFromUser()).chain(residentId -> switch (m.getEvent()) {
            case WxConsts.EventType.SUBSCRIBE_MSG_POPUP_EVENT -> each(items(m.getSubscribeMsgPopupEvent(),
                            WxMpSubscribeMsgEvent.SubscribeMsgPopupEvent::getList),
                    e -> ACCEPT.equals(e.getSubscribeStatusString())
                            ? consents.accepted(residentId, e.getTemplateId()).replaceWithVoid() : none());
            case WxConsts.EventType.SUBSCRIBE_MSG_CHANGE_EVENT -> each(items(m.getSubscribeMsgChangeEvent(),
                            WxMpSubscribeMsgEvent.SubscribeMsgChangeEvent::getList),
                    e -> REJECT.equals(e.getSubscribeStatusString())
                            ? consents.withdrawn(residentId, e.getTemplateId(), at) : none());
            default -> each(items(m.getSubscribeMsgSentEvent(), WxMpSubscribeMsgEvent.SubscribeMsgSentEvent::getList),
                    e -> REFUSED.equals(e.getErrorCode())
                            ? consents.refused(residentId, e.getTemplateId(), e.getMsgId(), at).replaceWithVoid()
                            : none());
        }).onFailure().recoverWithUni(e -> {
            // Under-counting is the safe side: without a consent the engine falls back to the next channel.
            Log.errorf(e, "Subscribe event %s from %s not applied", m.getEvent(), m.getFromUser());
            return none();
        });
    }

    private static <E, T> List<T> items(E event, Function<E, List<T>> list) {
        return Optional.ofNullable(event).map(list).orElse(List.of()).stream().filter(Objects::nonNull).toList();
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> action) {
        Uni<Void> all = none();
        for (T item : items) {
            all = all.chain(() -> action.apply(item));
        }
        return all;
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}
