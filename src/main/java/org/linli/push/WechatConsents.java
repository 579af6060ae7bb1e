package org.linli.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

import static org.linli.push.Claims.utc;

/**
 * Consents as WeChat itself reports them on the Official Account callback: a subscribe popup the resident accepted
 * gives one send of that template; turning the template off in WeChat's settings leaves none; a subscribe message
 * WeChat accepted but then reports refused (43101) leaves none and its delivery tries the next channel. Template
 * ids not configured for the OA subscribe channel are ignored. Events can arrive late or out of order, so news
 * older than the last change to a consent does not undo it.
 */
@ApplicationScoped
public class WechatConsents {

    /** Back to PENDING, one channel further down the list, due now. */
    private static final String TRY_NEXT_CHANNEL = """
            UPDATE push_delivery
               SET status = 'PENDING', channel_floor = channel_floor + 1, next_attempt_at = $3, done_at = NULL,
                   last_errcode = 43101, last_error = 'refused after sending (subscribe_msg_sent_event)',
                   updated_at = $3
             WHERE resident_id = $1 AND wx_msg_id = $2 AND channel = 'MP_SUBSCRIBE' AND status = 'SENT'""";

    private final Consents consents;
    private final TemplateCatalog templates;
    private final Pool pool;
    private final Clock clock;

    WechatConsents(Consents consents, TemplateCatalog templates, Pool pool, Clock clock) {
        this.consents = consents;
        this.templates = templates;
        this.pool = pool;
        this.clock = clock;
    }

    /** One more send of the template; answers whether it was recorded (false for a template we do not use). */
    public Uni<Boolean> accepted(long residentId, String templateId) {
        if (!templates.mpSubscribeTemplateIds().contains(templateId)) {
            return Uni.createFrom().item(false);
        }
        return consents.grant(residentId, templateId, 1).replaceWith(true);
    }

    /** Switched off in WeChat's settings at {@code at}: no more sends until the resident accepts it again. */
    public Uni<Void> withdrawn(long residentId, String templateId, Instant at) {
        return consents.exhaust(residentId, templateId, at);
    }

    /**
     * WeChat reports at {@code at} that the subscribe message {@code wxMsgId} was refused: no consent is left, and
     * the delivery goes on to the next channel. Answers whether a delivery was found.
     */
    public Uni<Boolean> refused(long residentId, String templateId, String wxMsgId, Instant at) {
        Uni<Boolean> redelivered = wxMsgId == null || wxMsgId.isBlank() ? Uni.createFrom().item(false)
                : pool.preparedQuery(TRY_NEXT_CHANNEL)
                        .execute(Tuple.of(residentId, wxMsgId, utc(clock.instant())))
                        .map(rows -> rows.rowCount() > 0);
        return consents.exhaust(residentId, templateId, at).chain(() -> redelivered);
    }
}
