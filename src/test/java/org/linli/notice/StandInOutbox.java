package org.linli.notice;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST ONLY. A PushOutbox for as long as the push engine is not on this branch; a {@link DefaultBean}, so the
 * engine's outbox replaces it without any change here. Counts each (source ref, resident) once, as the engine does.
 */
@DefaultBean
@ApplicationScoped
public class StandInOutbox implements PushOutbox {

    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<Integer> enqueue(PushMessage message, Collection<Long> residentIds) {
        int fresh = (int) residentIds.stream().filter(id -> queued.add(message.sourceRef() + "|" + id)).count();
        return Uni.createFrom().item(fresh);
    }
}
