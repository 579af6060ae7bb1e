package org.linli.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits on a condition, never on the clock: the condition is re-checked every few milliseconds and the wait ends as
 * soon as it holds. The bound only turns a condition that never comes into a failure instead of a hung build.
 */
public final class Eventually {

    private static final long PAUSE_NANOS = Duration.ofMillis(10).toNanos();

    private Eventually() {
    }

    public static void until(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + within + ": " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(15), condition);
    }
}
