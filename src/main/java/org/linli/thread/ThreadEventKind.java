package org.linli.thread;

/** What happened on a thread's timeline. The lifecycle issue adds the rest (ACCEPTED, ASSIGNED, ...). */
public enum ThreadEventKind {
    CREATED
}
