package org.linli.thread;

import java.util.List;

/** A thread just raised, with the open threads that look like the same matter (附议 instead?). */
public record Raised(ThreadSummary thread, List<Candidate> similar, boolean held) {
}
