package org.linli.wechat.push;

import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import jakarta.inject.Singleton;
import org.linli.push.Channel;
import org.linli.push.DeliveryOutcome;
import org.linli.push.PushChannel;
import org.linli.push.PushConfig;
import org.linli.push.PushRequest;

/** Mini-Program subscribe message; the engine has already taken one of the resident's consents for the template. */
@Singleton
class MiniSubscribeChannel implements PushChannel {

    private final PushWx wx;
    private final String state;

    MiniSubscribeChannel(PushWx wx, PushConfig config) {
        this.wx = wx;
        this.state = config.miniProgramState();
    }

    @Override
    public Channel channel() {
        return Channel.MINI_SUBSCRIBE;
    }

    @Override
    public DeliveryOutcome send(PushRequest request) {
        WxMaSubscribeMessage message = new WxMaSubscribeMessage()
                .setToUser(request.openid())
                .setTemplateId(request.templateId())
                .setPage(request.page())
                .setMiniprogramState(state)
                .setLang("zh_CN");
        KeywordText.clean(request.data())
                .forEach((name, value) -> message.addData(new WxMaSubscribeMessage.MsgData(name, value)));
        return WxVerdicts.attempt(() -> {
            wx.mini().getMsgService().sendSubscribeMsg(message);
            return null;
        });
    }
}
