package org.linli.notice;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Arrays;

/** What a notice is about; residents see the Chinese label. */
public enum NoticeCategory {
    UTILITIES("停水停电"),
    EVENT("活动"),
    POLICY("政策"),
    SAFETY("安全"),
    DELIBERATION_RESULT("议事结果"),
    OTHER("其他");

    private final String label;

    NoticeCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether a resident may mute its pushes: activity notices only; water cuts, safety, policy and the results
     * of votes they may have taken part in always reach them.
     */
    public boolean mutable() {
        return this == EVENT;
    }

    /** Accepts the code ({@code UTILITIES}) or the label ({@code 停水停电}); null for anything else. */
    @JsonCreator
    public static NoticeCategory parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(v) || c.label.equals(v))
                .findFirst().orElse(null);
    }
}
