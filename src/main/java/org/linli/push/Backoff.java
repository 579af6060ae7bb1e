package org.linli.push;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries of a burst spread out. */
record Backoff(Duration initial, Duration max) {

    static Backoff of(PushConfig.Retry config) {
        return new Backoff(config.initial(), config.max());
    }

    /** Delay before the retry that follows the {@code failures}-th failure (1-based). */
    Duration after(int failures) {
        long step = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(step, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** A small random spread (up to 10 %, at most 30 s) so rows released together are not due at one instant. */
    static Duration jitter(Duration base) {
        long bound = Math.max(0, Math.min(base.toMillis() / 10, 30_000)) + 1;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound));
    }
}
