package org.linli.push;

import org.linli.identity.Access;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.common.Problem;
import org.linli.identity.CurrentCaller;

import java.util.List;

/**
 * Subscribe-message consents the Mini-Program reports after {@code wx.requestSubscribeMessage}: each accepted
 * template is one send we may make to this resident.
 */
@Path("/api/v1/me/push-consents")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "me", description = "居民本人：订阅消息授权")
public class ConsentResource {

    private final Consents consents;
    private final TemplateCatalog templates;
    private final CurrentCaller caller;

    ConsentResource(Consents consents, TemplateCatalog templates, CurrentCaller caller) {
        this.consents = consents;
        this.templates = templates;
        this.caller = caller;
    }

    public record Grant(@NotBlank @Size(max = 64) String templateId, @Min(1) @Max(Consents.MAX_REMAINING) int count) {
    }

    public record Consent(String templateId, int remaining) {
    }

    @POST
    @Operation(summary = "Record that the resident accepted a subscribe template count times; answers what is left")
    public Uni<Consent> grant(@Valid Grant request) {
        long residentId = caller.requireResident();
        if (!templates.miniTemplateIds().contains(request.templateId())) {
            throw Problem.badRequest("PUSH_TEMPLATE_UNKNOWN", request.templateId());
        }
        return consents.grant(residentId, request.templateId(), request.count())
                .map(remaining -> new Consent(request.templateId(), remaining));
    }

    @GET
    @Operation(summary = "The resident's consents left, per template")
    public Uni<List<Consent>> list() {
        long residentId = caller.requireResident();
        return consents.of(residentId).map(all -> all.entrySet().stream()
                .map(e -> new Consent(e.getKey(), e.getValue())).toList());
    }
}
