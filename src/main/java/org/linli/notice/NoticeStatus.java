package org.linli.notice;

import java.time.OffsetDateTime;

/** Where a notice stands at an instant; derived from its times, never stored. */
public enum NoticeStatus {
    SCHEDULED("待发布"),
    PUBLISHED("已发布"),
    EXPIRED("已过期"),
    WITHDRAWN("已撤回");

    private final String label;

    NoticeStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static NoticeStatus of(Notice n, OffsetDateTime now) {
        if (n.withdrawnAt != null) {
            return WITHDRAWN;
        }
        if (n.publishAt.isAfter(now)) {
            return SCHEDULED;
        }
        if (n.expiresAt != null && !n.expiresAt.isAfter(now)) {
            return EXPIRED;
        }
        return PUBLISHED;
    }
}
