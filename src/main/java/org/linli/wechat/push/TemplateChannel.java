package org.linli.wechat.push;

import jakarta.inject.Singleton;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import org.linli.push.Channel;
import org.linli.push.DeliveryOutcome;
import org.linli.push.PushChannel;
import org.linli.push.PushRequest;
import org.linli.wechat.WechatConfig;

/**
 * Official Account template message. Carries the delivery's idempotency key as {@code client_msg_id}: WeChat sends
 * one message per openid and key within 10 minutes, so a retry after a lost answer does not reach the user twice.
 */
@Singleton
class TemplateChannel implements PushChannel {

    private final PushWx wx;
    private final ClosedUsers closed;
    private final String miniAppId;

    TemplateChannel(PushWx wx, ClosedUsers closed, WechatConfig config) {
        this.wx = wx;
        this.closed = closed;
        this.miniAppId = config.mini().appId();
    }

    @Override
    public Channel channel() {
        return Channel.MP_TEMPLATE;
    }

    @Override
    public DeliveryOutcome send(PushRequest request) {
        if (closed.isClosed(channel(), request.openid())) {
            return DeliveryOutcome.skipped("not following (remembered)");
        }
        WxMpTemplateMessage message = WxMpTemplateMessage.builder()
                .toUser(request.openid())
                .templateId(request.templateId())
                .clientMsgId(request.idempotencyKey())
                .miniProgram(request.page() == null ? null
                        : new WxMpTemplateMessage.MiniProgram(miniAppId, request.page(), false))
                .build();
        KeywordText.clean(request.data()).forEach((name, value) -> message.addData(new WxMpTemplateData(name, value)));
        DeliveryOutcome outcome = WxVerdicts.attempt(() -> wx.mp().getTemplateMsgService().sendTemplateMsg(message));
        if (outcome.errcode() == 43004 || outcome.errcode() == 40003) {
            closed.close(channel(), request.openid(), outcome.errcode());
        }
        return outcome;
    }
}
