package org.linli.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Chinese wording for problem codes, from messages/problems.properties (UTF-8). */
public final class ProblemMessages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("messages.problems", Locale.ROOT);

    private ProblemMessages() {
    }

    public static String text(String code, Object... args) {
        try {
            String pattern = BUNDLE.getString(code);
            return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.SIMPLIFIED_CHINESE).format(args);
        } catch (MissingResourceException e) {
            return BUNDLE.getString("INTERNAL_ERROR");
        }
    }
}
