package org.linli.notice;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TEST ONLY. Records every {@link PushOutbox#enqueue} call, then hands it to the push engine's outbox. A decorator
 * rather than an alternative, so the engine's outbox still does the work.
 * <p>
 * Tests tell their calls apart by community id (every test makes its own community), and can make the next
 * enqueue of one community fail to show that the publication rolls back.
 */
@Decorator
@Priority(1)
public abstract class RecordingOutbox implements PushOutbox {

    /** One enqueue call as the notice feature made it. */
    public record Call(PushMessage message, List<Long> residentIds) {
    }

    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final Set<Long> FAILING = ConcurrentHashMap.newKeySet();

    @Inject
    @Delegate
    PushOutbox delegate;

    @Override
    public Uni<Integer> enqueue(PushMessage message, Collection<Long> residentIds) {
        if (FAILING.remove(message.communityId())) {
            return Uni.createFrom().failure(new IllegalStateException("outbox unavailable (test)"));
        }
        CALLS.add(new Call(message, List.copyOf(residentIds)));
        return delegate.enqueue(message, residentIds);
    }

    public static List<Call> calls(long communityId) {
        return CALLS.stream().filter(c -> c.message().communityId() == communityId).toList();
    }

    /** The next enqueue for this community fails, as if the outbox were down. */
    public static void failNextEnqueue(long communityId) {
        FAILING.add(communityId);
    }
}
