package org.linli.meeting;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The port to the Official Account's temporary parametric QR codes, implemented in {@code wechat}: scanned in
 * WeChat, the code sends the bot a SCAN (or subscribe with {@code qrscene_}) event whose scene is
 * {@code meeting:<id>}.
 */
public interface MeetingQrCodes {

    /** WeChat keeps temporary QR codes at most 30 days. */
    Duration MAX_VALIDITY = Duration.ofDays(30);

    /** The URL to encode in the QR image (WeChat's ticket URL) for this scene, valid for {@code validity}. */
    Uni<String> contentFor(String scene, Duration validity);
}
