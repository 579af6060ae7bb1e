package org.linli.bot.script;

import org.linli.bot.IncomingMessage;

/** What a flow step accepts, as written in the scripts (text, location, image). Voice counts as text. */
public enum InputKind {
    TEXT, LOCATION, IMAGE;

    /** The input kind of a message, or null for events and unsupported messages. */
    public static InputKind of(IncomingMessage.Kind kind) {
        return switch (kind) {
            case TEXT, VOICE -> TEXT;
            case LOCATION -> LOCATION;
            case IMAGE -> IMAGE;
            default -> null;
        };
    }

    public String scriptName() {
        return name().toLowerCase();
    }
}
