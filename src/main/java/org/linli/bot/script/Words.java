package org.linli.bot.script;

import java.util.Locale;

/** How words typed or spoken by residents are compared with the words in the scripts. */
public final class Words {

    private static final String EDGE_PUNCTUATION = "[\\s\\u3000。，、；：！？!?,.;:~～…·\"'“”‘’「」『』（）()【】\\[\\]]+";

    private Words() {
    }

    /**
     * Trims spaces (also full-width) and punctuation at both ends (voice recognition ends sentences with 。) and
     * lower-cases Latin letters. A message of punctuation only ("？") is kept as it is, trimmed.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        String core = trimmed.replaceAll("^" + EDGE_PUNCTUATION, "").replaceAll(EDGE_PUNCTUATION + "$", "");
        return (core.isEmpty() ? trimmed : core).toLowerCase(Locale.ROOT);
    }

    /** Length as residents count it: characters, not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
