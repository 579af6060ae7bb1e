package org.linli.push;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consents as WeChat itself reports them on the Official Account callback: a subscribe popup the resident accepted
 * gives one send of that template; turning the template off in WeChat's settings, or WeChat refusing a send
 * (43101), leaves none. Template ids not configured for the OA subscribe channel are ignored.
 */
@ApplicationScoped
public class WechatConsents {

    private final Consents consents;
    private final TemplateCatalog templates;

    WechatConsents(Consents consents, TemplateCatalog templates) {
        this.consents = consents;
        this.templates = templates;
    }

    /** One more send of the template; answers whether it was recorded (false for a template we do not use). */
    public Uni<Boolean> accepted(long residentId, String templateId) {
        if (!templates.mpSubscribeTemplateIds().contains(templateId)) {
            return Uni.createFrom().item(false);
        }
        return consents.grant(residentId, templateId, 1).replaceWith(true);
    }

    /** No more sends of the template until the resident accepts it again. */
    public Uni<Void> withdrawn(long residentId, String templateId) {
        return consents.exhaust(residentId, templateId);
    }
}
