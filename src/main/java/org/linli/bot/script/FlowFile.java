package org.linli.bot.script;

import java.util.LinkedHashMap;
import java.util.List;

/** One flows/*.yaml file as written (see bot-scripts/README.md). */
public record FlowFile(String id, String title, String requires, TriggersFile triggers, List<StepFile> steps,
                       String action, LinkedHashMap<String, String> replies) {

    public record TriggersFile(List<String> words, List<String> keywords, List<String> menu, List<String> events) {
    }

    public record StepFile(String id, String ask, List<String> accept, Integer minLength, Integer maxLength,
                           String pattern, List<String> transform, LinkedHashMap<String, String> choices,
                           Boolean optional, List<String> skipWords, LinkedHashMap<String, String> invalid) {
    }
}
