package org.linli.poll;

/** Whether a poll's tally may be shown now, per its results visibility. */
final class Results {

    private Results() {
    }

    static boolean visible(PollRow p, boolean voted) {
        boolean closed = p.status() == PollStatus.CLOSED || p.status() == PollStatus.PUBLISHED
                || p.status() == PollStatus.ARCHIVED;
        if (p.status() == PollStatus.DRAFT || p.status() == PollStatus.ANNOUNCED) {
            return false;
        }
        return switch (p.visibility()) {
            case LIVE -> true;
            case AFTER_VOTE -> voted || closed;
            case AFTER_CLOSE -> closed;
        };
    }
}
