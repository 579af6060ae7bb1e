package org.linli.wechat.mp;

import jakarta.inject.Singleton;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.linli.wechat.WechatConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a callback comes from WeChat: SHA-1 signatures (plain and safe mode), the timestamp window, and
 * for safe mode decrypts the AES-CBC payload and checks its appid (WxJava's decrypt skips that check).
 */
@Singleton
class CallbackVerifier {

    private static final Pattern ENCRYPT = Pattern.compile(
            "<Encrypt>\\s*(?:<!\\[CDATA\\[([A-Za-z0-9+/=\\s]*)]]>|([A-Za-z0-9+/=\\s]*))\\s*</Encrypt>");

    private final WechatConfig config;
    private final Clock clock;
    /** Null without an EncodingAESKey: plain mode only. */
    private final byte[] aesKey;

    CallbackVerifier(WechatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.aesKey = config.mp().aesKey().filter(key -> !key.isBlank())
                .map(key -> Base64.getDecoder().decode(key.strip() + "=")).orElse(null);
    }

    boolean signedByWechat(String signature, String timestamp, String nonce) {
        return signature != null && timestamp != null && nonce != null
                && constantTimeEquals(SHA1.gen(config.mp().token(), timestamp, nonce), signature);
    }

    void verify(CallbackParams p) {
        if (!signedByWechat(p.signature(), p.timestamp(), p.nonce())) {
            throw CallbackRejected.badSignature();
        }
        long sent;
        try {
            sent = Long.parseLong(p.timestamp());
        } catch (NumberFormatException e) {
            throw CallbackRejected.badSignature();
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - sent) > config.mp().replayWindow().toSeconds()) {
            throw CallbackRejected.stale();
        }
    }

    /** Safe mode: checks msg_signature over the ciphertext, decrypts, and checks the appid at the end. */
    String decrypt(CallbackParams p, String body) {
        if (aesKey == null) {
            throw CallbackRejected.plainOnly();
        }
        Matcher m = ENCRYPT.matcher(body);
        if (!m.find()) {
            throw CallbackRejected.malformed();
        }
        String cipherText = (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("\\s", "");
        if (p.msgSignature() == null
                || !constantTimeEquals(SHA1.gen(config.mp().token(), p.timestamp(), p.nonce(), cipherText), p.msgSignature())) {
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
        String appId = new String(plain, 20 + length, plain.length - 20 - length, StandardCharsets.UTF_8);
        if (!appId.equals(config.mp().appId())) {
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
