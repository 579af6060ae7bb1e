package org.linli.community;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The port to the Official Account's parametric QR codes, implemented in {@code wechat}: the content of a QR code
 * that, scanned in WeChat, opens the Official Account and sends the bot a SCAN (follower) or subscribe event whose
 * scene is the invite code, so the resident is bound without typing it.
 */
public interface InviteQrCodes {

    /** WeChat keeps temporary QR codes at most 30 days. */
    Duration MAX_VALIDITY = Duration.ofDays(30);

    /** The text to encode in the QR image for this invite code, valid for about {@code validity}. */
    Uni<String> contentFor(String inviteCode, Duration validity);
}
