package org.linli.push;

import io.quarkus.arc.Arc;

import java.time.Duration;

/** For tests outside this package: one worker pass over every due delivery, as the scheduler would run it. */
public final class PushDrain {

    private PushDrain() {
    }

    public static void drain() {
        Arc.container().instance(PushWorker.class).get().engine().drain().await().atMost(Duration.ofSeconds(30));
    }
}
