package org.linli.thread;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A community's 说事 rules: the categories residents choose from (in order), those urgent by default, the clocks of
 * each category, the keywords that suggest each category, and the local sensitive words (refused outright, or held
 * for review). Stored as JSON in
 * thread_settings; a community without a row has the deployment's defaults ({@code linli.thread.*}).
 * updatedBy / updatedAt are null for the defaults.
 */
public record ThreadRules(List<String> categories, List<String> urgentCategories, List<ThreadViews.Clocks> clocks,
                          Map<String, List<String>> keywords, List<String> refusedWords, List<String> reviewWords, String updatedBy,
                          OffsetDateTime updatedAt) {

    /** The clocks of a category; a category no longer listed (an older thread's) has those of the last one. */
    ThreadViews.Clocks clocksOf(String category) {
        return clocks.stream().filter(c -> c.category().equals(category)).findFirst()
                .orElse(clocks.get(clocks.size() - 1));
    }

    /** The words that suggest a category (none for a category without keywords). */
    public List<String> keywordsOf(String category) {
        return keywords == null ? List.of() : keywords.getOrDefault(category, List.of());
    }

    String acceptWithin(String category, boolean urgent) {
        ThreadViews.Clocks c = clocksOf(category);
        return urgent ? c.acceptUrgent() : c.acceptNormal();
    }

    String resolveWithin(String category, boolean urgent, boolean complex) {
        ThreadViews.Clocks c = clocksOf(category);
        return complex ? c.resolveComplex() : urgent ? c.resolveUrgent() : c.resolveNormal();
    }

    ThreadRules stamped(String by, OffsetDateTime at) {
        return new ThreadRules(categories, urgentCategories, clocks, keywords, refusedWords, reviewWords, by, at);
    }
}
