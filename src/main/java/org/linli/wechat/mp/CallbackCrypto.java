package org.linli.wechat.mp;

import me.chanjar.weixin.common.util.crypto.SHA1;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's callback signatures and safe-mode encryption for one account (the Official Account and the
 * Mini-Program each have their own token, EncodingAESKey and appid): SHA-1 signatures, the timestamp window, and
 * AES-CBC decryption with the appid check that WxJava's decrypt skips.
 */
final class CallbackCrypto {

    private static final Pattern XML_ENCRYPT = Pattern.compile(
            "<Encrypt>\\s*(?:<!\\[CDATA\\[([A-Za-z0-9+/=\\s]*)]]>|([A-Za-z0-9+/=\\s]*))\\s*</Encrypt>");

    private final String token;
    private final String appId;
    private final Duration replayWindow;
    private final Clock clock;
    /** Null without an EncodingAESKey: plain mode only. */
    private final byte[] aesKey;

    CallbackCrypto(String token, Optional<String> aesKey, String appId, Duration replayWindow, Clock clock) {
        this.token = token;
        this.appId = appId;
        this.replayWindow = replayWindow;
        this.clock = clock;
        this.aesKey = aesKey.filter(key -> !key.isBlank())
                .map(key -> Base64.getDecoder().decode(key.strip() + "=")).orElse(null);
    }

    boolean signedByWechat(String signature, String timestamp, String nonce) {
        return signature != null && timestamp != null && nonce != null
                && constantTimeEquals(SHA1.gen(token, timestamp, nonce), signature);
    }

    /** The signature over token, timestamp and nonce, and a timestamp within the replay window. */
    void verify(String signature, String timestamp, String nonce) {
        if (!signedByWechat(signature, timestamp, nonce)) {
            throw CallbackRejected.badSignature();
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw CallbackRejected.badSignature();
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > replayWindow.toSeconds()) {
            throw CallbackRejected.stale();
        }
    }

    /** The ciphertext of a safe-mode XML body ({@code <Encrypt>}), or 400. */
    static String xmlCipherText(String body) {
        Matcher m = XML_ENCRYPT.matcher(body);
        if (!m.find()) {
            throw CallbackRejected.malformed();
        }
        return (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("\\s", "");
    }

    /** Safe mode: checks msg_signature over the ciphertext, decrypts, and checks the appid at the end. */
    String decrypt(String cipherText, String msgSignature, String timestamp, String nonce) {
        if (aesKey == null) {
            throw CallbackRejected.plainOnly();
        }
        if (msgSignature == null || timestamp == null || nonce == null
                || !constantTimeEquals(SHA1.gen(token, timestamp, nonce, cipherText), msgSignature)) {
            throw CallbackRejected.badSignature();
        }
        byte[] plain = aesDecrypt(cipherText);
        // 16 random bytes, 4-byte big-endian length, the XML, then the appid.
        if (plain.length < 20) {
            throw CallbackRejected.malformed();
        }
        int length = ((plain[16] & 0xff) << 24) | ((plain[17] & 0xff) << 16) | ((plain[18] & 0xff) << 8) | (plain[19] & 0xff);
        if (length < 0 || 20 + length > plain.length) {
            throw CallbackRejected.malformed();
        }
        String sentTo = new String(plain, 20 + length, plain.length - 20 - length, StandardCharsets.UTF_8);
        if (!sentTo.equals(appId)) {
            throw CallbackRejected.badSignature();
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    private byte[] aesDecrypt(String cipherText) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(aesKey, 0, 16)));
            byte[] padded = cipher.doFinal(Base64.getMimeDecoder().decode(cipherText));
            int pad = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
            if (pad < 1 || pad > 32 || pad > padded.length) {
                throw CallbackRejected.malformed();
            }
            return Arrays.copyOf(padded, padded.length - pad);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw CallbackRejected.malformed();
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
