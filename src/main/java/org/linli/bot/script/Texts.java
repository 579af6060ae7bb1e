package org.linli.bot.script;

import io.quarkus.qute.Template;

import java.util.Map;
import java.util.Set;

/** texts.yaml compiled: global replies, default validation messages, labels and the words that leave a flow. */
public record Texts(Set<String> cancelWords, Map<String, Template> replies, Map<String, Template> invalid,
                    Map<String, Map<String, String>> labels, Map<String, Object> defaults) {

    public static final String FALLBACK = "fallback";
    public static final String MEDIA_OUTSIDE_FLOW = "media-outside-flow";
    public static final String UNSUPPORTED = "unsupported";
    public static final String UNKNOWN_MENU = "unknown-menu";
    public static final String CANCELLED = "cancelled";
    public static final String NOTHING_TO_CANCEL = "nothing-to-cancel";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String BUSY = "busy";
    public static final String ERROR = "error";
    public static final String GATE_UNBOUND = "gate-unbound";
    public static final String GATE_PENDING = "gate-pending";
    public static final String LOCATION_FALLBACK = "location-fallback";

    public static final Set<String> REQUIRED_REPLIES = Set.of(FALLBACK, MEDIA_OUTSIDE_FLOW, UNSUPPORTED, UNKNOWN_MENU, CANCELLED,
            NOTHING_TO_CANCEL, RATE_LIMITED, BUSY, ERROR, GATE_UNBOUND, GATE_PENDING, LOCATION_FALLBACK);
    /** Replies a flow may override for itself. */
    public static final Set<String> FLOW_OVERRIDABLE = Set.of(CANCELLED, GATE_UNBOUND, GATE_PENDING);
    /** Why an input was refused; each has a default message under {@code invalid}. */
    public static final Set<String> INVALID_REASONS = Set.of("empty", "too-short", "too-long", "pattern", "choice",
            "kind");
    public static final Set<String> LABEL_SETS = Set.of("input-kind", "membership-status", "membership-role",
            "thread-status", "separators");

    public Template reply(String key) {
        return replies.get(key);
    }

    /** The display label of a code (e.g. membership-status PENDING → 待审核), or the code itself. */
    public String label(String set, String code) {
        return code == null ? "" : labels.getOrDefault(set, Map.of()).getOrDefault(code, code);
    }
}
