package org.linli.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import org.linli.common.Workers;
import org.linli.community.InviteQrCodes;

import java.time.Duration;

/**
 * Invite QR codes as temporary string-scene tickets ({@code QR_STR_SCENE}, {@code /cgi-bin/qrcode/create}); the QR
 * image encodes the ticket's URL. The scene is the invite code itself (≤ 64 characters), which the bot reads back
 * from the SCAN event key or the subscribe event's {@code qrscene_} key.
 */
@ApplicationScoped
class WxInviteQrCodes implements InviteQrCodes {

    private final WxMpService mp;
    private final Workers workers;

    WxInviteQrCodes(WxMpService mp, Workers workers) {
        this.mp = mp;
        this.workers = workers;
    }

    @Override
    public Uni<String> contentFor(String inviteCode, Duration validity) {
        long seconds = Math.max(60, Math.min(validity.toSeconds(), MAX_VALIDITY.toSeconds()));
        return workers.call(() -> {
            try {
                WxMpQrCodeTicket ticket = mp.getQrcodeService().qrCodeCreateTmpTicket(inviteCode, (int) seconds);
                return ticket.getUrl();
            } catch (WxErrorException e) {
                throw new WechatUnavailable(e);
            }
        });
    }
}
