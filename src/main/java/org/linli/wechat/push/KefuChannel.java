package org.linli.wechat.push;

import jakarta.inject.Singleton;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import org.linli.push.Channel;
import org.linli.push.DeliveryOutcome;
import org.linli.push.PushChannel;
import org.linli.push.PushRequest;
import org.linli.wechat.CustomerServiceWindow;
import org.linli.wechat.WechatConfig;

/**
 * Customer-service text message, only inside the 48 h window after the user last wrote to us and at most five per
 * window ({@link CustomerServiceWindow}); a link opens the Mini-Program page.
 */
@Singleton
class KefuChannel implements PushChannel {

    private static final int MAX_SUMMARY = 300;

    private final PushWx wx;
    private final CustomerServiceWindow window;
    private final String miniAppId;

    KefuChannel(PushWx wx, CustomerServiceWindow window, WechatConfig config) {
        this.wx = wx;
        this.window = window;
        this.miniAppId = config.mini().appId();
    }

    @Override
    public Channel channel() {
        return Channel.MP_KEFU;
    }

    @Override
    public DeliveryOutcome send(PushRequest request) {
        if (!window.reserve(request.openid())) {
            return DeliveryOutcome.skipped("outside the 48 h customer-service window or 5 messages used");
        }
        return WxVerdicts.attempt(() -> {
            wx.mp().getKefuService().sendKefuMessage(WxMpKefuMessage.TEXT()
                    .toUser(request.openid()).content(text(request)).build());
            return null;
        });
    }

    private String text(PushRequest request) {
        StringBuilder text = new StringBuilder("【").append(KeywordText.oneLine(request.title())).append("】");
        if (request.summary() != null && !request.summary().isBlank()) {
            text.append('\n').append(KeywordText.cut(request.summary().strip(), MAX_SUMMARY));
        }
        if (request.page() != null) {
            text.append("\n<a href=\"https://mp.weixin.qq.com\" data-miniprogram-appid=\"").append(miniAppId)
                    .append("\" data-miniprogram-path=\"").append(attribute(request.page())).append("\">查看详情</a>");
        }
        return text.toString();
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
