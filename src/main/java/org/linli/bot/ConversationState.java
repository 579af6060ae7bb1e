package org.linli.bot;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one resident is in a flow: the flow and step, the answers so far, an id for this run of the flow (used as
 * the idempotency key of what it submits) and a version bumped by every message handled. Stored as a Redis hash.
 */
public final class ConversationState {

    static final String FLOW = "flow";
    static final String STEP = "step";
    static final String KEY = "key";
    static final String VERSION = "v";
    static final String DATA = "d.";

    private final String flow;
    private final String key;
    private String step;
    private long version;
    private final Map<String, String> data;

    ConversationState(String flow, String step, String key, long version, Map<String, String> data) {
        this.flow = flow;
        this.step = step;
        this.key = key;
        this.version = version;
        this.data = new LinkedHashMap<>(data);
    }

    static ConversationState start(String flow, String step, String key) {
        return new ConversationState(flow, step, key, 0, Map.of());
    }

    /** Reads the hash; null when there is none or it is not a conversation. */
    static ConversationState fromHash(Map<String, String> hash) {
        if (hash == null || !hash.containsKey(FLOW) || !hash.containsKey(STEP)) {
            return null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        hash.forEach((k, v) -> {
            if (k.startsWith(DATA)) {
                data.put(k.substring(DATA.length()), v);
            }
        });
        long version;
        try {
            version = Long.parseLong(hash.getOrDefault(VERSION, "0"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new ConversationState(hash.get(FLOW), hash.get(STEP), hash.getOrDefault(KEY, ""), version, data);
    }

    Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(FLOW, flow);
        hash.put(STEP, step);
        hash.put(KEY, key);
        hash.put(VERSION, Long.toString(version));
        data.forEach((k, v) -> hash.put(DATA + k, v));
        return hash;
    }

    public String flow() {
        return flow;
    }

    public String step() {
        return step;
    }

    public String key() {
        return key;
    }

    public long version() {
        return version;
    }

    public Map<String, String> data() {
        return Map.copyOf(data);
    }

    ConversationState moveTo(String nextStep) {
        this.step = nextStep;
        return this;
    }

    ConversationState remember(Map<String, String> values) {
        data.putAll(values);
        return this;
    }

    ConversationState bumped() {
        version++;
        return this;
    }

    Map<String, Object> templateData() {
        return new HashMap<>(data);
    }
}
