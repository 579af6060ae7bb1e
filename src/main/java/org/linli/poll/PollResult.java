package org.linli.poll;

import java.math.BigDecimal;
import java.util.List;

/**
 * A result that explains itself: the base, the eligible and participating heads and area, every threshold as the
 * exact fraction it was compared against, and each question's outcome.
 */
public record PollResult(String base, String quorumRule, String passRule, Amount eligible,
                         Amount participating, List<Check> quorum, boolean quorumMet,
                         List<QuestionResult> questions, Present present) {

    /**
     * A 居民会议 poll that meetings name counts those present: the units with a resident checked in at one of the
     * meetings or with a counted ballot. Null for any other poll.
     */
    public record Present(List<String> meetings, Amount amount) {
    }

    /** Heads and area of a group of units. */
    public record Amount(long heads, BigDecimal area) {
        static final Amount ZERO = new Amount(0, BigDecimal.ZERO.setScale(2));

        Amount plus(BigDecimal unitArea) {
            return new Amount(heads + 1, area.add(unitArea));
        }
    }

    /** One comparison, e.g. 参与表决人数 "12 / 18" against "≥ 2/3": met. */
    public record Check(String name, String label, String fraction, String threshold, boolean met) {
    }

    public record OptionTotal(int index, String label, long heads, BigDecimal area) {
    }

    public record QuestionResult(int index, String text, String kind, List<OptionTotal> options, Outcome outcome,
                                 List<Check> checks, List<String> elected, List<String> runoff, String note) {
    }
}
