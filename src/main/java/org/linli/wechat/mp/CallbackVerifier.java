package org.linli.wechat.mp;

import jakarta.inject.Singleton;
import org.linli.wechat.WechatConfig;

import java.time.Clock;

/** Checks that a callback to the Official Account comes from WeChat ({@link CallbackCrypto} with the OA's keys). */
@Singleton
class CallbackVerifier {

    private final CallbackCrypto crypto;

    CallbackVerifier(WechatConfig config, Clock clock) {
        this.crypto = new CallbackCrypto(config.mp().token(), config.mp().aesKey(), config.mp().appId(),
                config.mp().replayWindow(), clock);
    }

    boolean signedByWechat(String signature, String timestamp, String nonce) {
        return crypto.signedByWechat(signature, timestamp, nonce);
    }

    void verify(CallbackParams p) {
        crypto.verify(p.signature(), p.timestamp(), p.nonce());
    }

    /** Safe mode: the {@code <Encrypt>} element, checked and decrypted. */
    String decrypt(CallbackParams p, String body) {
        return crypto.decrypt(CallbackCrypto.xmlCipherText(body), p.msgSignature(), p.timestamp(), p.nonce());
    }
}
