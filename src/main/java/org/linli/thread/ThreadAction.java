package org.linli.thread;

/** The moves of the lifecycle; {@link Lifecycle} says from which states and by whom. */
public enum ThreadAction {
    SUBMIT, ACCEPT, REJECT, DELIBERATE, START, RESOLVE, REOPEN, CLOSE, TRANSFER, MERGE, ESCALATE
}
