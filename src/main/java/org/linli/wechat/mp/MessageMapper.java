package org.linli.wechat.mp;

import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.linli.bot.IncomingMessage;
import org.linli.bot.IncomingMessage.Kind;

import java.time.Instant;

/** WeChat's XML message to the plain record the bot understands; WxJava types stop here. */
final class MessageMapper {

    private MessageMapper() {
    }

    static IncomingMessage toIncoming(WxMpXmlMessage wx) {
        Instant at = wx.getCreateTime() == null ? Instant.now() : Instant.ofEpochSecond(wx.getCreateTime());
        String type = wx.getMsgType() == null ? "" : wx.getMsgType();
        return switch (type) {
            case WxConsts.XmlMsgType.TEXT -> message(wx, Kind.TEXT, wx.getContent(), at);
            case WxConsts.XmlMsgType.VOICE -> message(wx, Kind.VOICE, wx.getRecognition(), at);
            case WxConsts.XmlMsgType.IMAGE -> new IncomingMessage(wx.getFromUser(), Kind.IMAGE, null, null, null,
                    wx.getMediaId(), wx.getPicUrl(), at);
            case WxConsts.XmlMsgType.LOCATION -> new IncomingMessage(wx.getFromUser(), Kind.LOCATION, null, null,
                    new IncomingMessage.Location(orZero(wx.getLocationX()), orZero(wx.getLocationY()), wx.getLabel()),
                    null, null, at);
            case WxConsts.XmlMsgType.EVENT -> event(wx, at);
            default -> message(wx, Kind.OTHER, null, at);
        };
    }

    private static IncomingMessage event(WxMpXmlMessage wx, Instant at) {
        String event = wx.getEvent() == null ? "" : wx.getEvent();
        Kind kind = switch (event.toLowerCase()) {
            case "subscribe" -> Kind.SUBSCRIBE;
            case "unsubscribe" -> Kind.UNSUBSCRIBE;
            case "click" -> Kind.MENU_CLICK;
            case "scan" -> Kind.SCAN;
            default -> Kind.OTHER;
        };
        return new IncomingMessage(wx.getFromUser(), kind, null, wx.getEventKey(), null, null, null, at);
    }

    private static IncomingMessage message(WxMpXmlMessage wx, Kind kind, String text, Instant at) {
        return new IncomingMessage(wx.getFromUser(), kind, text, null, null, null, null, at);
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    /**
     * Whether the user did something (wrote, followed, clicked the menu, scanned): only that opens the
     * customer-service window and counts toward the bot's rate limit. WeChat's own reports — template and subscribe
     * send results, consent changes, location reports, unfollows — do neither.
     */
    static boolean byUser(WxMpXmlMessage wx) {
        if (!WxConsts.XmlMsgType.EVENT.equals(wx.getMsgType())) {
            return true;
        }
        return switch (wx.getEvent() == null ? "" : wx.getEvent().toLowerCase()) {
            case "subscribe", "scan", "click", "view", "view_miniprogram" -> true;
            default -> false;
        };
    }

    /**
     * WeChat's retry key: MsgId for messages; for events sender + CreateTime, plus the event and its key, since
     * two different menu clicks can share a second (a retry repeats all of them).
     */
    static String dedupeKey(WxMpXmlMessage wx) {
        if (wx.getMsgId() != null) {
            return wx.getToUser() + ":" + wx.getMsgId();
        }
        return wx.getToUser() + ":" + wx.getFromUser() + ":" + wx.getCreateTime() + ":" + wx.getEvent() + ":"
                + wx.getEventKey();
    }
}
