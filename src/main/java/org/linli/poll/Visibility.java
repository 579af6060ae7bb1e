package org.linli.poll;

/** When results show, from the most open to the strictest; after announcement only tightening is allowed. */
public enum Visibility {
    LIVE, AFTER_VOTE, AFTER_CLOSE;

    boolean looserThan(Visibility other) {
        return ordinal() < other.ordinal();
    }
}
