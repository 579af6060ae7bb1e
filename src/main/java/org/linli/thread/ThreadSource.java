package org.linli.thread;

/** Where a thread was raised: the Official Account chat bot or the Mini-Program. */
public enum ThreadSource {
    CHAT, MINI
}
