package org.linli.push;

/** Ways to reach a resident, tried in the order of linli.push.channels. */
public enum Channel {
    /** Mini-Program subscribe message; needs a one-time consent left for the template. */
    MINI_SUBSCRIBE,
    /** Official Account subscribe notification (bizsend); needs a one-time consent from the OA's subscribe popup. */
    MP_SUBSCRIBE,
    /** Official Account template message; needs an OA follower. */
    MP_TEMPLATE,
    /** Customer-service message; only within 48 h after the user last wrote to the OA, 5 per window. */
    MP_KEFU,
    /** Nothing is sent: shown next time the resident opens the Mini-Program. */
    IN_APP;

    /** Each send uses one of the resident's consents for the template. */
    boolean needsConsent() {
        return this == MINI_SUBSCRIBE || this == MP_SUBSCRIBE;
    }

    /** Addressed by the Mini-Program openid; every other channel by the Official Account openid. */
    boolean miniProgram() {
        return this == MINI_SUBSCRIBE;
    }
}
