package org.linli.thread;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the raiser and the supporters about a state change through the push outbox (template THREAD_STATUS), in
 * the transaction of the change; the source ref is the timeline event, so a retried change pushes nothing twice.
 */
@Singleton
class ThreadPushes {

    static final String KIND = "THREAD_STATUS";

    private final PushOutbox outbox;

    ThreadPushes(PushOutbox outbox) {
        this.outbox = outbox;
    }

    static String page(long threadId) {
        return "pages/thread/detail?id=" + threadId;
    }

    Uni<Integer> stateChanged(ConsultationThread t, ThreadStatus to, ThreadEvent event, String note) {
        return recipients(t.id, t.residentId).chain(residents -> {
            String summary = to == ThreadStatus.RESOLVED ? "已办结，请评价：回复 1-5 分"
                    : note == null || note.isBlank() ? to.label() : to.label() + "：" + note;
            PushMessage message = new PushMessage(t.communityId, "thread:" + t.id + ":e" + event.id, KIND,
                    t.urgent(), excerpt(t.description, 20), excerpt(summary, 40), page(t.id),
                    Map.of("refNo", t.refNo, "status", to.label(), "threadId", String.valueOf(t.id),
                            "title", excerpt(t.description, 20)),
                    null);
            return outbox.enqueue(message, residents);
        });
    }

    /** The raiser and everyone who supports it now. */
    static Uni<List<Long>> recipients(long threadId, long raiserId) {
        return NativeSql.of("select resident_id from thread_support where thread_id = :t order by created_at")
                .param("t", threadId).column()
                .map(ids -> {
                    Set<Long> all = new LinkedHashSet<>();
                    all.add(raiserId);
                    ids.forEach(id -> all.add(NativeSql.id(id)));
                    return new ArrayList<>(all);
                });
    }

    static String excerpt(String text, int max) {
        String one = ContentSafety.mask(text).replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
