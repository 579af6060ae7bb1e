package org.linli.notice;

/** URGENT notices are pushed through quiet hours and drive the 楼栋长's unread-household list. */
public enum NoticePriority {
    NORMAL("普通"),
    URGENT("紧急");

    private final String label;

    NoticePriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
