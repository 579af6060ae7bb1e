package org.linli.thread;

/** VISIBLE; HELD for a staff review (content check); HIDDEN after enough reports; REMOVED by staff. */
public enum Moderation {
    VISIBLE, HELD, HIDDEN, REMOVED
}
