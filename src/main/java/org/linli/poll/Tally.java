package org.linli.poll;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.linli.poll.PollResult.Amount;

/**
 * Counts a poll exactly. Participation is every counted ballot (an abstention participates but does not agree);
 * a 居民会议 poll that meetings name counts those present instead (城市居民委员会组织法: quorum of those present,
 * decided by more than half of them); each threshold is compared by cross-multiplication. Pure: the numbers come
 * from PostgreSQL, see {@link Tallies}.
 */
final class Tally {


    /**
     * What the counting needs: the frozen electorate's size, the participants, the totals of every option, and for
     * a 居民会议 poll that meetings name, those present (null otherwise).
     */
    record Input(Rule rule, List<Question> questions, Amount eligible, Amount participating, Amount[][] options,
                 PollResult.Present present) {
        Input(Rule rule, List<Question> questions, Amount eligible, Amount participating, Amount[][] options) {
            this(rule, questions, eligible, participating, options, null);
        }

        /** Whom a motion must win over: those present at the meeting, else those who took part. */
        Amount deciding() {
            return present == null ? participating : present.amount();
        }

        String decidingLabel() {
            return present == null ? "参与表决" : "出席";
        }
    }

    private Tally() {
    }

    /** Totals per question and option from ballots in the clear (open polls). */
    static Amount[][] totals(List<Question> questions, List<CountedBallot> ballots) {
        Amount[][] totals = empty(questions);
        for (CountedBallot b : ballots) {
            for (int q = 0; q < questions.size() && q < b.answers().size(); q++) {
                for (int option : b.answers().get(q)) {
                    totals[q][option] = totals[q][option].plus(b.area());
                }
            }
        }
        return totals;
    }

    static Amount[][] empty(List<Question> questions) {
        Amount[][] totals = new Amount[questions.size()][];
        for (int q = 0; q < questions.size(); q++) {
            totals[q] = new Amount[questions.get(q).options().size()];
            java.util.Arrays.fill(totals[q], Amount.ZERO);
        }
        return totals;
    }

    record CountedBallot(BigDecimal area, List<List<Integer>> answers) {
    }

    static PollResult count(Input in) {
        Rule rule = in.rule();
        List<PollResult.Check> quorum = new ArrayList<>();
        if (in.present() != null) {
            quorum.add(check("presence.heads", "出席会议人数（含已表决）", in.present().amount().heads(),
                    in.eligible().heads(), rule.quorum()));
        } else {
            quorum.add(check("participation.heads", "参与表决人数", in.participating().heads(), in.eligible().heads(),
                    rule.quorum()));
        }
        if (rule.byArea()) {
            quorum.add(check("participation.area", "参与表决专有部分面积", in.participating().area(),
                    in.eligible().area(), rule.quorum()));
        }
        boolean quorumMet = quorum.stream().allMatch(PollResult.Check::met);
        List<PollResult.QuestionResult> questions = new ArrayList<>();
        for (int q = 0; q < in.questions().size(); q++) {
            questions.add(question(in, q, quorumMet));
        }
        return new PollResult(rule.base().name(), rule.quorum().toString(), rule.pass().toString(), in.eligible(),
                in.participating(), quorum, quorumMet, questions, in.present());
    }

    private static PollResult.QuestionResult question(Input in, int index, boolean quorumMet) {
        Question question = in.questions().get(index);
        Amount[] totals = in.options()[index];
        List<PollResult.OptionTotal> options = new ArrayList<>();
        for (int o = 0; o < totals.length; o++) {
            options.add(new PollResult.OptionTotal(o, question.options().get(o), totals[o].heads(), totals[o].area()));
        }
        if (!quorumMet) {
            return new PollResult.QuestionResult(index, question.text(), question.kind().name(), options,
                    Outcome.QUORUM_NOT_MET, List.of(), List.of(), List.of(), null);
        }
        return switch (question.kind()) {
            case APPROVAL -> approval(in, index, question, options, totals[Question.YES]);
            case SINGLE -> single(in, index, question, options, totals);
            case MULTIPLE -> new PollResult.QuestionResult(index, question.text(), question.kind().name(), options,
                    Outcome.COUNTED, List.of(), List.of(), List.of(), null);
            case ELECTION -> election(in, index, question, options, totals);
        };
    }

    private static PollResult.QuestionResult approval(Input in, int index, Question question,
                                                      List<PollResult.OptionTotal> options, Amount yes) {
        List<PollResult.Check> checks = agreement(in, yes, in.deciding(), in.decidingLabel(), in.rule().pass(), "同意");
        Outcome outcome = checks.stream().allMatch(PollResult.Check::met) ? Outcome.PASSED : Outcome.FAILED;
        return new PollResult.QuestionResult(index, question.text(), question.kind().name(), options, outcome, checks,
                List.of(), List.of(), null);
    }

    /** A single-choice question adopts the option that meets the pass threshold, if one does. */
    private static PollResult.QuestionResult single(Input in, int index, Question question,
                                                    List<PollResult.OptionTotal> options, Amount[] totals) {
        for (int o = 0; o < totals.length; o++) {
            List<PollResult.Check> checks = agreement(in, totals[o], in.deciding(), in.decidingLabel(), in.rule().pass(),
                    question.options().get(o));
            if (checks.stream().allMatch(PollResult.Check::met)) {
                return new PollResult.QuestionResult(index, question.text(), question.kind().name(), options,
                        Outcome.PASSED, checks, List.of(question.options().get(o)), List.of(), null);
            }
        }
        return new PollResult.QuestionResult(index, question.text(), question.kind().name(), options, Outcome.FAILED,
                List.of(), List.of(), List.of(), "没有选项达到通过比例");
    }

    /**
     * 选举: a candidate needs more than half of the ballots cast (and, for owners, more than half of the
     * participating area); the top N of those win; a tie at the last seat is never broken here: 需另行选举.
     */
    private static PollResult.QuestionResult election(Input in, int index, Question question,
                                                      List<PollResult.OptionTotal> options, Amount[] totals) {
        Threshold majority = Threshold.moreThan(1, 2);
        List<Integer> qualified = new ArrayList<>();
        List<PollResult.Check> checks = new ArrayList<>();
        for (int o = 0; o < totals.length; o++) {
            List<PollResult.Check> own = agreement(in, totals[o], in.participating(), "参与表决", majority,
                    question.options().get(o));
            checks.addAll(own);
            if (own.stream().allMatch(PollResult.Check::met)) {
                qualified.add(o);
            }
        }
        qualified.sort(Comparator.comparingLong((Integer o) -> totals[o].heads()).reversed());
        int seats = question.seats();
        List<String> elected = new ArrayList<>();
        List<String> runoff = new ArrayList<>();
        if (qualified.size() <= seats) {
            qualified.forEach(o -> elected.add(question.options().get(o)));
        } else {
            long last = totals[qualified.get(seats - 1)].heads();
            boolean tie = totals[qualified.get(seats)].heads() == last;
            for (int o : qualified) {
                long heads = totals[o].heads();
                if (heads > last || (!tie && elected.size() < seats)) {
                    elected.add(question.options().get(o));
                } else if (tie && heads == last) {
                    runoff.add(question.options().get(o));
                }
            }
        }
        Outcome outcome = runoff.isEmpty() && elected.size() == seats ? Outcome.ELECTED : Outcome.RUNOFF_NEEDED;
        String note = outcome == Outcome.ELECTED ? null
                : runoff.isEmpty() ? "当选人数不足应选名额，差额名额需另行选举"
                : "最后一个名额得票相同，需另行选举";
        return new PollResult.QuestionResult(index, question.text(), question.kind().name(), options, outcome, checks,
                elected, runoff, note);
    }

    private static List<PollResult.Check> agreement(Input in, Amount yes, Amount of, String ofLabel,
                                                    Threshold threshold, String label) {
        List<PollResult.Check> checks = new ArrayList<>();
        checks.add(check("agree.heads", label + "人数 / " + ofLabel + "人数", yes.heads(), of.heads(), threshold));
        if (in.rule().byArea()) {
            checks.add(check("agree.area", label + "面积 / " + ofLabel + "面积", yes.area(), of.area(), threshold));
        }
        return checks;
    }

    private static PollResult.Check check(String name, String label, long part, long whole, Threshold t) {
        return new PollResult.Check(name, label, part + " / " + whole, t.toString(), t.metBy(part, whole));
    }

    private static PollResult.Check check(String name, String label, BigDecimal part, BigDecimal whole, Threshold t) {
        return new PollResult.Check(name, label, part.toPlainString() + " / " + whole.toPlainString(), t.toString(),
                t.metBy(part, whole));
    }
}
