package org.linli.thread;

import jakarta.inject.Singleton;
import org.linli.common.Problem;

import java.util.List;

/** Category suggestion from keyword lists and the default urgency (安全隐患, 停水 … → urgent). */
@Singleton
class Triage {

    private static final String OTHER = "其他";

    private final List<String> urgentWords;

    Triage(ThreadConfig config) {
        this.urgentWords = config.urgentWords();
    }

    /**
     * Of the community's categories, the one with the most of its keywords (the community's own, else the
     * deployment's) in the text; 其他 (or the last) else.
     */
    String suggest(ThreadRules rules, String text) {
        List<String> categories = rules.categories();
        String best = OTHER;
        int bestHits = 0;
        for (String category : categories) {
            int hits = 0;
            for (String word : rules.keywordsOf(category)) {
                if (!word.isBlank() && text.contains(word.strip())) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = category;
                bestHits = hits;
            }
        }
        return categories.contains(best) ? best : categories.get(categories.size() - 1);
    }

    String category(ThreadRules rules, String given, String text) {
        List<String> categories = rules.categories();
        if (given == null || given.isBlank()) {
            return suggest(rules, text);
        }
        if (!categories.contains(given.strip())) {
            throw Problem.badRequest("THREAD_CATEGORY_UNKNOWN", given, String.join("、", categories));
        }
        return given.strip();
    }

    Urgency urgency(ThreadRules rules, Urgency given, String category, String text) {
        if (given != null) {
            return given;
        }
        return rules.urgentCategories().contains(category) || urgentWords.stream().anyMatch(text::contains)
                ? Urgency.URGENT : Urgency.NORMAL;
    }
}
