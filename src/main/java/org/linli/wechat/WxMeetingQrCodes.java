package org.linli.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import org.linli.common.Workers;
import org.linli.meeting.MeetingQrCodes;

import java.time.Duration;

/**
 * Meeting check-in QR codes as temporary string-scene tickets ({@code QR_STR_SCENE}, {@code /cgi-bin/qrcode/create}),
 * like {@link WxInviteQrCodes}; the scene is {@code meeting:<id>}, read back by the bot from the SCAN event key or
 * the subscribe event's {@code qrscene_} key.
 */
@ApplicationScoped
class WxMeetingQrCodes implements MeetingQrCodes {

    private final WxMpService mp;
    private final Workers workers;

    WxMeetingQrCodes(WxMpService mp, Workers workers) {
        this.mp = mp;
        this.workers = workers;
    }

    @Override
    public Uni<String> contentFor(String scene, Duration validity) {
        long seconds = Math.max(60, Math.min(validity.toSeconds(), MAX_VALIDITY.toSeconds()));
        return workers.call(() -> {
            try {
                WxMpQrCodeTicket ticket = mp.getQrcodeService().qrCodeCreateTmpTicket(scene, (int) seconds);
                return ticket.getUrl();
            } catch (WxErrorException e) {
                throw new WechatUnavailable(e);
            }
        });
    }
}
