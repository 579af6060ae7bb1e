package org.linli.bot;

import java.time.Instant;

/**
 * A message from a resident, already verified, decrypted and de-duplicated by the gateway, with nothing of
 * WeChat's wire format left. Voice arrives as its recognised text.
 */
public record IncomingMessage(String openid, Kind kind, String text, String eventKey, Location location,
                              String mediaId, String pictureUrl, Instant receivedAt) {

    public enum Kind {
        TEXT, VOICE, IMAGE, LOCATION,
        /** Followed the Official Account (eventKey may carry a scene, e.g. qrscene_xxx). */
        SUBSCRIBE,
        UNSUBSCRIBE,
        /** Menu click; eventKey is the menu key. */
        MENU_CLICK,
        /** Scanned a parametric QR code while already following. */
        SCAN,
        /** Anything else WeChat may send (video, link, file, unknown events). */
        OTHER
    }

    public record Location(double latitude, double longitude, String label) {
    }

    public static IncomingMessage text(String openid, String text) {
        return new IncomingMessage(openid, Kind.TEXT, text, null, null, null, null, Instant.now());
    }
}
