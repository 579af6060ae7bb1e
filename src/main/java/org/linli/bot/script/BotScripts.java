package org.linli.bot.script;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything loaded from bot-scripts/ at one moment: immutable, swapped whole on reload. Trigger words are stored
 * normalised ({@link Words#normalise}).
 */
public record BotScripts(Texts texts, Map<String, Flow> flows, Map<String, Flow> words,
                         List<Map.Entry<String, Flow>> keywords, Map<String, Flow> menuKeys,
                         Map<String, Flow> events, MenuDefinition menu, String origin) {

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(id == null ? null : flows.get(id));
    }

    public Optional<Flow> byMenuKey(String key) {
        return Optional.ofNullable(key == null ? null : menuKeys.get(key));
    }

    public Optional<Flow> byEvent(String event) {
        return Optional.ofNullable(events.get(event));
    }

    /** The flow a typed or spoken message asks for: an exact trigger word first, then a contained keyword. */
    public Optional<Flow> byText(String normalised) {
        Flow exact = words.get(normalised);
        if (exact != null) {
            return Optional.of(exact);
        }
        return keywords.stream().filter(k -> normalised.contains(k.getKey())).map(Map.Entry::getValue).findFirst();
    }

    public boolean isCancelWord(String normalised) {
        return texts.cancelWords().contains(normalised);
    }
}
