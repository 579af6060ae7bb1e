package org.linli.thread;

/** Where a thread stands; which moves are allowed from each state is decided in {@link Lifecycle} only. */
public enum ThreadStatus {
    DRAFT("草稿"), SUBMITTED("待受理"), ACCEPTED("已受理"), REJECTED("不予受理"), DELIBERATING("议事中"),
    IN_PROGRESS("办理中"), RESOLVED("已办结"), CLOSED("已关闭");

    private final String label;

    ThreadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The {@link #open()} states as an SQL list, for {@code status in ...}. */
    static final String OPEN_SQL = "('SUBMITTED', 'ACCEPTED', 'DELIBERATING', 'IN_PROGRESS')";

    /** Waiting for or under handling: counts for the queue, duplicates and the clocks. */
    public boolean open() {
        return this == SUBMITTED || this == ACCEPTED || this == DELIBERATING || this == IN_PROGRESS;
    }
}
