package org.linli.thread;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.OffsetDateTime;

/** Appends timeline events and staff alerts, in the caller's transaction. */
@Singleton
class Timeline {

    Uni<ThreadEvent> record(long threadId, Actor actor, ThreadEventKind kind, ThreadStatus from, ThreadStatus to,
                            String note, boolean internal, OffsetDateTime at) {
        ThreadEvent e = new ThreadEvent();
        e.threadId = threadId;
        e.at = at;
        e.kind = kind;
        e.actorKind = actor.kind();
        e.actorId = actor.kind() == ActorKind.SYSTEM ? null : actor.id();
        e.actorRole = actor.role();
        e.actorName = actor.name();
        e.fromStatus = from;
        e.toStatus = to;
        e.note = note;
        e.internal = internal;
        return e.persist();
    }

    /** Staff have no WeChat identity the push engine addresses: assignments and routing land in their alerts. */
    Uni<Void> alert(Long staffId, long threadId, String kind, String note, OffsetDateTime at) {
        if (staffId == null) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of("insert into thread_staff_alert (staff_id, thread_id, kind, note, created_at)"
                        + " values (:staff, :thread, :kind, :note, cast(:at as timestamptz))")
                .param("staff", staffId).param("thread", threadId).param("kind", kind)
                .param("note", note == null ? "" : note.length() > 200 ? note.substring(0, 200) : note)
                .param("at", at).update().replaceWithVoid();
    }
}
