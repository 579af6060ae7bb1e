package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Reference numbers residents can quote on the phone: {@code SS-20261129-0042}, the community-time day and that
 * day's sequence across the deployment, so a number is unique on its own. Gaps (a rolled-back draft) are harmless.
 */
@ApplicationScoped
class RefNumbers {

    static final String PREFIX = "SS-";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String BUMP = "INSERT INTO thread_ref_counter (day, last_value) VALUES (?1, 1)"
            + " ON CONFLICT (day) DO UPDATE SET last_value = thread_ref_counter.last_value + 1"
            + " RETURNING last_value";

    /** Takes the next number of that day; must run inside the transaction that stores the thread. */
    Uni<String> next(LocalDate day) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(BUMP, Integer.class).setParameter(1, day).getSingleResult())
                .map(seq -> format(day, seq));
    }

    static String format(LocalDate day, int sequence) {
        return PREFIX + DAY.format(day) + "-" + String.format("%04d", sequence);
    }
}
