package org.linli.push;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Collection;

/**
 * The durable outbox every feature pushes through. Call it inside your own Panache transaction so the business
 * change and its pushes commit or roll back together; workers deliver afterwards, once per resident.
 */
public interface PushOutbox {

    /**
     * Queues the message for these residents; returns how many deliveries were newly queued. A sourceRef queued
     * before keeps its first content and expiry (use {@link #expireAt} to move the expiry) and only gains residents
     * not yet queued; a cancelled one gains nobody.
     */
    Uni<Integer> enqueue(PushMessage message, Collection<Long> residentIds);

    /**
     * Calls these messages off: deliveries not yet made (waiting, retrying or dead) end as CANCELLED and in-app
     * copies leave the inbox. A send already in flight may still arrive; it is then recorded as SENT. Answers how
     * many deliveries were cancelled.
     */
    Uni<Integer> cancel(Collection<String> sourceRefs);

    /** Moves the expiry of these messages (null: never), e.g. when a notice's expiry is edited. */
    Uni<Void> expireAt(Collection<String> sourceRefs, Instant expiresAt);
}
