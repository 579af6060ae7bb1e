package org.linli.bot.script;

import java.util.List;

/** The scripts cannot be used; the message lists every problem found, by file. */
public class ScriptException extends RuntimeException {

    private final List<String> problems;

    public ScriptException(String origin, List<String> problems) {
        super("bot-scripts at " + origin + " are invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
