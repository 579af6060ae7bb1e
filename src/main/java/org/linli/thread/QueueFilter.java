package org.linli.thread;

/**
 * Staff queue filters; all optional. {@code assignee}: a staff id (assigned to them, or routed to them before
 * acceptance); {@code sort}: {@code created} (newest first, default) or {@code support} (most 附议 first).
 */
public record QueueFilter(ThreadStatus status, Long gridId, String category, Long assignee, Boolean overdue,
                          Boolean escalated, Moderation moderation, String sort, String cursor, int limit) {

    boolean bySupport() {
        return "support".equalsIgnoreCase(sort);
    }
}
