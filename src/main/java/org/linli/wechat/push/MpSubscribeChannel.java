package org.linli.wechat.push;

import jakarta.inject.Singleton;
import me.chanjar.weixin.mp.bean.subscribe.WxMpSubscribeMessage;
import org.linli.push.Channel;
import org.linli.push.DeliveryOutcome;
import org.linli.push.PushChannel;
import org.linli.push.PushRequest;
import org.linli.wechat.WechatConfig;

/**
 * Official Account subscribe notification (订阅通知, {@code bizsend}); the engine has already taken one of the
 * resident's consents, which arrive as {@code subscribe_msg_popup_event}s on the OA callback.
 */
@Singleton
class MpSubscribeChannel implements PushChannel {

    private final PushWx wx;
    private final String miniAppId;

    MpSubscribeChannel(PushWx wx, WechatConfig config) {
        this.wx = wx;
        this.miniAppId = config.mini().appId();
    }

    @Override
    public Channel channel() {
        return Channel.MP_SUBSCRIBE;
    }

    @Override
    public DeliveryOutcome send(PushRequest request) {
        WxMpSubscribeMessage message = WxMpSubscribeMessage.builder()
                .toUser(request.openid())
                .templateId(request.templateId())
                .miniProgram(request.page() == null ? null
                        : new WxMpSubscribeMessage.MiniProgram(miniAppId, request.page(), false))
                .dataMap(KeywordText.clean(request.data()))
                .build();
        // The msgid lets a later subscribe_msg_sent_event (refused after all) find this delivery again.
        return WxVerdicts.attempt(() -> wx.mp().getSubscribeMsgService().send(message));
    }
}
