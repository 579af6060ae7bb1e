package org.linli.bot.script;

import io.quarkus.qute.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One question of a flow, compiled: what it asks, which inputs it takes and how they are checked.
 * {@code choices} maps normalised words to stored values; {@code choiceWords} keeps them as written for replies.
 */
public record Step(String id, Template ask, Set<InputKind> accept, Integer minLength, Integer maxLength,
                   Pattern pattern, List<Transform> transforms, Map<String, String> choices,
                   List<String> choiceWords, boolean optional, Set<String> skipWords,
                   Map<String, Template> invalid) {

    /** Rewrites applied to typed text before it is checked and stored. */
    public enum Transform {
        /** Full-width letters, digits and spaces (typed with Chinese input methods) become ASCII (NFKC). */
        HALFWIDTH,
        /** Removes all spaces. */
        COMPACT,
        UPPER,
        LOWER
    }

    /** Data keys a step fills: its id, plus coordinates for locations and media fields for images. */
    public List<String> slots() {
        List<String> keys = new java.util.ArrayList<>(List.of(id));
        if (accept.contains(InputKind.LOCATION)) {
            keys.add(latitudeKey());
            keys.add(longitudeKey());
        }
        if (accept.contains(InputKind.IMAGE)) {
            keys.add(mediaIdKey());
            keys.add(urlKey());
        }
        return keys;
    }

    public String latitudeKey() {
        return id + "Latitude";
    }

    public String longitudeKey() {
        return id + "Longitude";
    }

    public String mediaIdKey() {
        return id + "MediaId";
    }

    public String urlKey() {
        return id + "Url";
    }
}
