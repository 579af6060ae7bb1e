package org.linli.push;

import java.util.ArrayList;
import java.util.List;

/** The calls made for one claimed delivery so far, and the last error among them. Used by one pipeline at a time. */
final class Trail {

    private final List<Attempt> attempts = new ArrayList<>();
    private Integer errcode;
    private String error;

    void add(Attempt attempt, DeliveryOutcome outcome) {
        if (outcome.called()) {
            attempts.add(attempt);
        }
        if (outcome.verdict() != DeliveryOutcome.Verdict.SENT) {
            if (outcome.called()) {
                errcode = outcome.errcode();
            }
            error = outcome.detail() == null ? null : cut(outcome.detail());
        }
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    Integer errcode() {
        return errcode;
    }

    String error() {
        return error;
    }

    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
