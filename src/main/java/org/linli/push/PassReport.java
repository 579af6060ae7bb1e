package org.linli.push;

import java.util.concurrent.atomic.AtomicInteger;

/** What one pass of a worker did, for logs, tests and the benchmark. */
final class PassReport {

    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger inApp = new AtomicInteger();
    private final AtomicInteger dead = new AtomicInteger();
    private final AtomicInteger later = new AtomicInteger();

    void add(Outcome outcome) {
        claimed.incrementAndGet();
        switch (outcome.status()) {
            case SENT -> sent.incrementAndGet();
            case IN_APP -> inApp.incrementAndGet();
            case DEAD -> dead.incrementAndGet();
            case PENDING -> later.incrementAndGet();
        }
    }

    int claimed() {
        return claimed.get();
    }

    int sent() {
        return sent.get();
    }

    int inApp() {
        return inApp.get();
    }

    int dead() {
        return dead.get();
    }

    /** Rescheduled: retry, paused channel, quiet hours, or handed back. */
    int later() {
        return later.get();
    }

    @Override
    public String toString() {
        return "claimed=" + claimed + " sent=" + sent + " inApp=" + inApp + " dead=" + dead + " later=" + later;
    }
}
