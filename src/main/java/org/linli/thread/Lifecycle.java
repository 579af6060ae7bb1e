package org.linli.thread;

import org.linli.common.Problem;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says which move is allowed from which state and by whom. Services ask {@link #check} before
 * writing and then write with a conditional UPDATE on the version they read, so a move that lost a race fails too.
 */
final class Lifecycle {

    /** Who an actor is for one thread. */
    enum Party {
        /** the resident who raised it */
        RAISER,
        /** any staff member whose reach covers it */
        STAFF,
        /** its assignee (or, before acceptance, the staff member it was routed to), or ADMIN/COMMITTEE */
        OWNER,
        /** ADMIN or COMMITTEE of the community */
        MANAGER,
        /** the application itself (scheduled jobs) */
        SYSTEM
    }

    record Rule(Set<ThreadStatus> from, ThreadStatus to, Set<Party> by) {
        /** null {@code to}: the state stays as it is. */
        ThreadStatus after(ThreadStatus current) {
            return to == null ? current : to;
        }
    }

    private static final Set<ThreadStatus> HANDLING =
            EnumSet.of(ThreadStatus.ACCEPTED, ThreadStatus.DELIBERATING, ThreadStatus.IN_PROGRESS);
    private static final Set<ThreadStatus> OPEN = EnumSet.of(ThreadStatus.SUBMITTED, ThreadStatus.ACCEPTED,
            ThreadStatus.DELIBERATING, ThreadStatus.IN_PROGRESS);

    static final Map<ThreadAction, Rule> RULES = new EnumMap<>(Map.ofEntries(
            Map.entry(ThreadAction.SUBMIT, rule(EnumSet.of(ThreadStatus.DRAFT), ThreadStatus.SUBMITTED, Party.RAISER)),
            Map.entry(ThreadAction.ACCEPT, rule(EnumSet.of(ThreadStatus.SUBMITTED), ThreadStatus.ACCEPTED, Party.STAFF)),
            Map.entry(ThreadAction.REJECT, rule(EnumSet.of(ThreadStatus.SUBMITTED), ThreadStatus.REJECTED, Party.STAFF)),
            Map.entry(ThreadAction.DELIBERATE, rule(EnumSet.of(ThreadStatus.ACCEPTED, ThreadStatus.IN_PROGRESS),
                    ThreadStatus.DELIBERATING, Party.OWNER)),
            Map.entry(ThreadAction.START, rule(EnumSet.of(ThreadStatus.ACCEPTED, ThreadStatus.DELIBERATING),
                    ThreadStatus.IN_PROGRESS, Party.OWNER)),
            Map.entry(ThreadAction.RESOLVE, rule(HANDLING, ThreadStatus.RESOLVED, Party.OWNER)),
            Map.entry(ThreadAction.REOPEN, rule(EnumSet.of(ThreadStatus.RESOLVED), ThreadStatus.IN_PROGRESS,
                    Party.RAISER)),
            Map.entry(ThreadAction.CLOSE, rule(EnumSet.of(ThreadStatus.RESOLVED), ThreadStatus.CLOSED,
                    Party.MANAGER, Party.SYSTEM)),
            Map.entry(ThreadAction.TRANSFER, rule(OPEN, null, Party.OWNER)),
            Map.entry(ThreadAction.MERGE, rule(OPEN, ThreadStatus.CLOSED, Party.OWNER)),
            Map.entry(ThreadAction.ESCALATE, rule(HANDLING, null, Party.OWNER))));

    private Lifecycle() {
    }

    private static Rule rule(Set<ThreadStatus> from, ThreadStatus to, Party... by) {
        return new Rule(Set.copyOf(from), to, Set.of(by));
    }

    /**
     * The state after the move, or a problem: 403 THREAD_ACTION_FORBIDDEN when none of the actor's parties may
     * make it, 409 THREAD_STATE_CONFLICT (with the current state) when the state does not allow it.
     */
    static ThreadStatus check(ThreadAction action, ThreadStatus current, Set<Party> actor) {
        Rule rule = RULES.get(action);
        if (actor.stream().noneMatch(rule.by()::contains)) {
            throw Problem.forbidden("THREAD_ACTION_FORBIDDEN");
        }
        if (!rule.from().contains(current)) {
            throw conflict(current);
        }
        return rule.after(current);
    }

    static Problem conflict(ThreadStatus current) {
        return new Problem(409, "THREAD_STATE_CONFLICT",
                java.util.List.of(Map.of("field", "status", "message", current.name())), current.label());
    }
}
