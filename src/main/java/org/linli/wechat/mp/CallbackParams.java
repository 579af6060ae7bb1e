package org.linli.wechat.mp;

/** The query string WeChat puts on every callback. */
record CallbackParams(String signature, String timestamp, String nonce, String openid, String encryptType,
                      String msgSignature) {

    boolean encrypted() {
        return "aes".equalsIgnoreCase(encryptType);
    }
}
