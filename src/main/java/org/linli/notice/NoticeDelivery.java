package org.linli.notice;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivery figures of a notice. Until the push engine exposes its own figures, this reports what the notice
 * feature knows itself: what it handed to the outbox.
 */
@ApplicationScoped
class NoticeDelivery {

    /**
     * @param pushes     publications and renotifications handed to the outbox
     * @param recipients residents addressed, summed over those pushes
     * @param queued     deliveries the outbox accepted, summed over those pushes
     * @param delivered  null until the push engine reports it
     * @param failed     null until the push engine reports it
     * @param source     {@code notice} while the figures come from this feature alone
     */
    public record Figures(long pushes, long recipients, long queued, Long delivered, Long failed, String source) {
    }

    // TODO(push engine): once org.linli.push exposes delivery figures (PushStats), ask it for delivered/failed per
    //  source ref (notice:{id}:v{n}, listed in notice_push) and report source "push".
    Uni<Figures> figures(long noticeId) {
        return Sql.of("select count(*), coalesce(sum(recipients), 0), coalesce(sum(queued), 0) from notice_push"
                        + " where notice_id = :notice")
                .param("notice", noticeId).rows()
                .map(rows -> {
                    Object[] row = rows.get(0);
                    return new Figures(Sql.id(row[0]), Sql.id(row[1]), Sql.id(row[2]), null, null, "notice");
                });
    }
}
