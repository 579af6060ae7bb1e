package org.linli.wechat.mp;

import org.linli.common.Problem;

/** A callback that is not from WeChat, or not as WeChat sends it. */
class CallbackRejected extends Problem {

    CallbackRejected(int status, String code) {
        super(status, code);
    }

    static CallbackRejected badSignature() {
        return new CallbackRejected(401, "CALLBACK_SIGNATURE");
    }

    static CallbackRejected replayed() {
        return new CallbackRejected(401, "CALLBACK_REPLAYED");
    }

    static CallbackRejected stale() {
        return new CallbackRejected(401, "CALLBACK_STALE");
    }

    static CallbackRejected malformed() {
        return new CallbackRejected(400, "CALLBACK_MALFORMED");
    }

    static CallbackRejected dtdForbidden() {
        return new CallbackRejected(400, "CALLBACK_DTD");
    }

    /** Safe mode while no EncodingAESKey is configured (linli.wechat.mp.aes-key empty). */
    static CallbackRejected plainOnly() {
        return new CallbackRejected(400, "CALLBACK_PLAIN_ONLY");
    }

    static CallbackRejected tooLarge() {
        return new CallbackRejected(413, "PAYLOAD_TOO_LARGE");
    }
}
