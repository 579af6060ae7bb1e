package org.linli.notice;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.push.DeliveryStatus;
import org.linli.push.PushStats;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** How a notice's pushes fared: what was handed to the outbox, and what the push engine made of it. */
@ApplicationScoped
class NoticeDelivery {

    /**
     * Summed over every publication and renotification of the notice.
     *
     * @param pushes     publications and renotifications handed to the outbox
     * @param recipients residents addressed, summed over those pushes
     * @param queued     deliveries the outbox accepted
     * @param delivered  sent through WeChat or, where no WeChat channel was open, put in the Mini-Program inbox
     * @param sent       accepted by WeChat
     * @param inApp      put in the Mini-Program inbox (shown there until the notice is withdrawn or expires)
     * @param pending    not delivered yet: quiet hours, a scheduled publication, retries, a paused channel
     * @param failed     given up (dead letters staff can re-drive)
     * @param cancelled  called off before delivery: the notice was withdrawn, renotified or expired
     * @param byChannel  delivered per channel (MINI_SUBSCRIBE, MP_SUBSCRIBE, MP_TEMPLATE, MP_KEFU, IN_APP)
     */
    public record Figures(long pushes, long recipients, long queued, long delivered, long sent, long inApp,
                          long pending, long failed, long cancelled, Map<String, Long> byChannel) {
    }

    private final PushStats stats;

    NoticeDelivery(PushStats stats) {
        this.stats = stats;
    }

    /** Inside a Panache session (the notice_push ledger); the push figures are read beside it. */
    Uni<Figures> figures(long noticeId) {
        return NativeSql.of("select count(*), coalesce(sum(recipients), 0), coalesce(sum(queued), 0) from notice_push"
                        + " where notice_id = :notice")
                .param("notice", noticeId).rows()
                .chain(ledger -> NoticePushes.sourceRefs(noticeId, Integer.MAX_VALUE)
                        .chain(refs -> stats.forSources(refs))
                        .map(byRef -> figures(ledger.get(0), byRef.values())));
    }

    private static Figures figures(Object[] ledger, Collection<PushStats.Figures> pushes) {
        Map<DeliveryStatus, Long> byStatus = new TreeMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        for (PushStats.Figures f : pushes) {
            f.byStatus().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            f.byChannel().forEach((channel, n) -> byChannel.merge(channel.name(), n, Long::sum));
        }
        long sent = byStatus.getOrDefault(DeliveryStatus.SENT, 0L);
        long inApp = byStatus.getOrDefault(DeliveryStatus.IN_APP, 0L);
        return new Figures(NativeSql.id(ledger[0]), NativeSql.id(ledger[1]), NativeSql.id(ledger[2]), sent + inApp, sent, inApp,
                byStatus.getOrDefault(DeliveryStatus.PENDING, 0L), byStatus.getOrDefault(DeliveryStatus.DEAD, 0L),
                byStatus.getOrDefault(DeliveryStatus.CANCELLED, 0L), byChannel);
    }
}
