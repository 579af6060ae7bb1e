package org.linli.poll;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Hands poll pushes to the outbox in the caller's transaction: announced and opened → the eligible voters;
 * reopened → only voters whose unit has not voted; result published → participants and eligible voters (who are
 * one list: every participant is an eligible voter or a paper ballot).
 */
@ApplicationScoped
class PollPushes {

    static final String OPENED = "POLL_OPENED";
    static final String RESULT = "POLL_RESULT";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PushOutbox outbox;

    PollPushes(PushOutbox outbox) {
        this.outbox = outbox;
    }

    Uni<Integer> announced(PollRow poll, List<Long> residents) {
        return send(poll, "poll:" + poll.id() + ":announced", OPENED,
                "投票将于 " + poll.openAt().format(MINUTE) + " 开始", residents);
    }

    Uni<Integer> opened(PollRow poll, List<Long> residents) {
        return send(poll, "poll:" + poll.id() + ":opened", OPENED, "投票已开始，截止 " + poll.closeAt().format(MINUTE),
                residents);
    }

    Uni<Integer> reopened(PollRow poll, List<Long> residentsWithoutBallot) {
        return send(poll, "poll:" + poll.id() + ":reopened:" + poll.reopenCount(), OPENED,
                "投票已延长，截止 " + poll.closeAt().format(MINUTE), residentsWithoutBallot);
    }

    Uni<Integer> published(PollRow poll, List<Long> residents) {
        return send(poll, "poll:" + poll.id() + ":result", RESULT, "表决结果已公示", residents);
    }

    private Uni<Integer> send(PollRow poll, String ref, String kind, String summary, List<Long> residents) {
        if (residents.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        PushMessage message = new PushMessage(poll.communityId(), ref, kind, false, poll.title(), summary,
                "pages/poll/detail?id=" + poll.id(),
                Map.of("pollId", String.valueOf(poll.id()), "deadline", poll.closeAt().format(MINUTE),
                        "status", poll.status().name()),
                null, kind.equals(OPENED) ? poll.closeAt().toInstant() : null);
        return outbox.enqueue(message, residents);
    }
}
