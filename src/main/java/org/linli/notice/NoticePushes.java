package org.linli.notice;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Hands a notice version to the push outbox (in the caller's transaction) and records what was handed over. */
@ApplicationScoped
class NoticePushes {

    static final String KIND = "NOTICE";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PushOutbox outbox;
    private final NoticeAudience audience;
    private final NoticeMutes mutes;

    NoticePushes(PushOutbox outbox, NoticeAudience audience, NoticeMutes mutes) {
        this.outbox = outbox;
        this.audience = audience;
        this.mutes = mutes;
    }

    static String sourceRef(Notice n) {
        return "notice:" + n.id + ":v" + n.version;
    }

    /**
     * Pushes the notice's current version to its residents, no earlier than its publication time; those who muted
     * its category are left out unless it is urgent (they still find it in their notice list).
     */
    Uni<PushReceipt> send(Notice n, boolean update, OffsetDateTime now) {
        OffsetDateTime notBefore = n.publishAt.isAfter(now) ? n.publishAt : null;
        PushMessage message = message(n, update, notBefore);
        return audience.residents(n.id)
                .chain(residents -> pushed(n, residents).chain(pushed -> enqueue(message, pushed))
                        .map(queued -> new PushReceipt(message.sourceRef(), residents.size(), queued,
                                NoticeClock.local(notBefore))))
                .call(receipt -> NativeSql.of("insert into notice_push (notice_id, version, source_ref, recipients, queued,"
                                + " not_before, created_at) values (:notice, :version, :ref, :recipients, :queued,"
                                + " cast(:notBefore as timestamptz), :now)")
                        .param("notice", n.id).param("version", n.version).param("ref", receipt.sourceRef())
                        .param("recipients", receipt.recipients()).param("queued", receipt.queued())
                        .param("notBefore", notBefore)
                        .param("now", now)
                        .update());
    }

    private Uni<List<Long>> pushed(Notice n, List<Long> residents) {
        if (!n.category.mutable() || n.urgent() || residents.isEmpty()) {
            return Uni.createFrom().item(residents);
        }
        return mutes.muting(n.category, residents)
                .map(muted -> residents.stream().filter(r -> !muted.contains(r)).toList());
    }

    private Uni<Integer> enqueue(PushMessage message, List<Long> residents) {
        return residents.isEmpty() ? Uni.createFrom().item(0) : outbox.enqueue(message, residents);
    }

    /** Calls off what the pushes of the notice's versions before {@code version} have not delivered yet. */
    Uni<Integer> cancelBefore(Notice n, int version) {
        return sourceRefs(n.id, version).chain(outbox::cancel);
    }

    /** The notice's pushes so far stop being worth sending when the notice expires, as it stands now. */
    Uni<Void> followExpiry(Notice n) {
        return sourceRefs(n.id, Integer.MAX_VALUE)
                .chain(refs -> outbox.expireAt(refs, n.expiresAt == null ? null : n.expiresAt.toInstant()));
    }

    /** Every source ref the notice was pushed under before {@code version}, oldest first. */
    static Uni<List<String>> sourceRefs(long noticeId, int beforeVersion) {
        return NativeSql.of("select source_ref from notice_push where notice_id = :notice and version < :version"
                        + " order by id")
                .param("notice", noticeId).param("version", beforeVersion).column()
                .map(refs -> refs.stream().map(String.class::cast).toList());
    }

    static PushMessage message(Notice n, boolean update, OffsetDateTime notBefore) {
        String excerpt = NoticeMarkdown.excerpt(n.body, 40);
        return new PushMessage(n.communityId, sourceRef(n), KIND, n.urgent(), n.title,
                update ? "通知已更新：" + excerpt : excerpt,
                NoticeLink.path(n.id),
                Map.of("noticeId", String.valueOf(n.id),
                        "category", n.category.label(),
                        "priority", n.priority.label(),
                        "publishAt", n.publishAt.atZoneSameInstant(NoticeClock.COMMUNITY_ZONE).format(MINUTE),
                        "updated", String.valueOf(update)),
                notBefore == null ? null : notBefore.toInstant(),
                n.expiresAt == null ? null : n.expiresAt.toInstant());
    }
}
