package org.linli.thread;

/** Who acted on a thread. */
public enum ActorKind {
    RESIDENT, STAFF, SYSTEM
}
