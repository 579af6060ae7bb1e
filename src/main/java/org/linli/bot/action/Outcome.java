package org.linli.bot.action;

import java.util.Map;

/** How an action ended: the key of the flow reply to send, and the values that reply may show. */
public record Outcome(String key, Map<String, Object> vars) {

    /** The reply every action's flow must have for failures it has no specific wording for. */
    public static final String FAILED = "failed";

    public static Outcome of(String key) {
        return new Outcome(key, Map.of());
    }

    public static Outcome of(String key, Map<String, Object> vars) {
        return new Outcome(key, vars);
    }
}
