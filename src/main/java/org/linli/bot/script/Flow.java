package org.linli.bot.script;

import io.quarkus.qute.Template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled flow: its steps, the action run when the last step is answered (or at once when it has none) and
 * the reply per outcome. {@code defaults} holds an empty value for every key its templates may use.
 */
public record Flow(String id, String title, Requirement requires, List<Step> steps, String action,
                   Map<String, Template> replies, Map<String, Object> defaults, String file) {

    /** Who may start the flow. */
    public enum Requirement {
        /** Anyone following the Official Account. */
        NONE,
        /** Residents with a VERIFIED membership. */
        VERIFIED
    }

    /** The outcome of a flow without an action. */
    public static final String DONE = "done";

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    public Optional<Step> after(Step step) {
        int i = steps.indexOf(step);
        return i >= 0 && i + 1 < steps.size() ? Optional.of(steps.get(i + 1)) : Optional.empty();
    }

    public Optional<Template> reply(String key) {
        return Optional.ofNullable(replies.get(key));
    }
}
