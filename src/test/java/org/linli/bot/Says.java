package org.linli.bot;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on bot replies. */
final class Says {

    private Says() {
    }

    /** The reply is not silent and contains every part. */
    static String says(Reply reply, String... parts) {
        assertNotNull(reply);
        assertFalse(reply.isEmpty(), "the bot said nothing");
        for (String part : parts) {
            assertTrue(reply.text().contains(part), () -> "expected «" + part + "» in:\n" + reply.text());
        }
        return reply.text();
    }

    /** The reply is not silent and the regex is found in it. */
    static String finds(Reply reply, String regex) {
        says(reply);
        assertTrue(Pattern.compile(regex).matcher(reply.text()).find(),
                () -> "expected /" + regex + "/ in:\n" + reply.text());
        return reply.text();
    }
}
