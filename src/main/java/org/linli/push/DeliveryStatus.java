package org.linli.push;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for a worker (maybe for quiet hours, a retry or a paused channel). */
    PENDING,
    /** Accepted by WeChat on some channel. */
    SENT,
    /** No WeChat channel was open; shown in the Mini-Program inbox. */
    IN_APP,
    /** Given up; listed for staff, who can re-drive it. */
    DEAD,
    /** Not delivered and no longer to be: the message was called off (e.g. its notice withdrawn) or expired. */
    CANCELLED
}
