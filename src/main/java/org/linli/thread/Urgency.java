package org.linli.thread;

public enum Urgency {
    NORMAL, URGENT
}
