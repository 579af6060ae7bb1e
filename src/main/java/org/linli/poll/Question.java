package org.linli.poll;

import org.linli.common.Problem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One question of a poll. APPROVAL always has the options 同意, 反对, 弃权 (in that order). MULTIPLE takes between
 * min and max options; ELECTION elects up to seats of the listed candidates, each ballot naming at most seats.
 */
public record Question(QuestionKind kind, String text, List<String> options, Integer min, Integer max, Integer seats) {

    static final List<String> APPROVAL_OPTIONS = List.of("同意", "反对", "弃权");
    static final int YES = 0;
    static final int ABSTAIN = 2;

    /** The question as stored: defaults filled in, everything checked (400 POLL_QUESTION_INVALID). */
    Question normalised(int index) {
        if (kind == null || text == null || text.isBlank() || text.length() > 500) {
            throw invalid(index);
        }
        if (kind == QuestionKind.APPROVAL) {
            return new Question(kind, text.strip(), APPROVAL_OPTIONS, 1, 1, null);
        }
        if (options == null || options.size() < 2 || options.size() > 50
                || options.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 100)
                || new HashSet<>(options).size() != options.size()) {
            throw invalid(index);
        }
        List<String> clean = options.stream().map(String::strip).toList();
        return switch (kind) {
            case SINGLE -> new Question(kind, text.strip(), clean, 1, 1, null);
            case MULTIPLE -> {
                int lo = min == null ? 1 : min;
                int hi = max == null ? clean.size() : max;
                if (lo < 0 || hi < 1 || lo > hi || hi > clean.size()) {
                    throw invalid(index);
                }
                yield new Question(kind, text.strip(), clean, lo, hi, null);
            }
            case ELECTION -> {
                int n = seats == null ? 1 : seats;
                if (n < 1 || n > clean.size()) {
                    throw invalid(index);
                }
                yield new Question(kind, text.strip(), clean, 0, n, n);
            }
            default -> throw invalid(index);
        };
    }

    /** Checks one ballot's answer to this question (option positions); returns them sorted. */
    List<Integer> check(int index, List<Integer> chosen) {
        if (chosen == null) {
            throw Problem.badRequest("POLL_ANSWER_INVALID", index + 1);
        }
        Set<Integer> distinct = new HashSet<>(chosen);
        if (distinct.size() != chosen.size() || distinct.stream().anyMatch(i -> i == null || i < 0 || i >= options.size())
                || chosen.size() < min || chosen.size() > max) {
            throw Problem.badRequest("POLL_ANSWER_INVALID", index + 1);
        }
        return distinct.stream().sorted().toList();
    }

    private static Problem invalid(int index) {
        return Problem.badRequest("POLL_QUESTION_INVALID", index + 1);
    }
}
