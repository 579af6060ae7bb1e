package org.linli.push;

/** Ways to reach a resident, tried in the order of linli.push.channels. */
public enum Channel {
    /** Mini-Program subscribe message; needs a one-time consent left for the template. */
    MINI_SUBSCRIBE,
    /** Official Account template message; needs an OA follower. */
    MP_TEMPLATE,
    /** Customer-service message; only within 48 h after the user last wrote to the OA, 5 per window. */
    MP_KEFU,
    /** Nothing is sent: shown next time the resident opens the Mini-Program. */
    IN_APP
}
