package org.linli.bot.script;

import java.util.ArrayList;
import java.util.List;

/** Problems found while loading the scripts, each prefixed with where it was found. */
final class Problems {

    private final List<String> list = new ArrayList<>();

    void add(String where, String what) {
        list.add(where + ": " + what);
    }

    void throwIfAny(String origin) {
        if (!list.isEmpty()) {
            throw new ScriptException(origin, list);
        }
    }
}
