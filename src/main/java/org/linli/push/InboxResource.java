package org.linli.push;

import org.linli.identity.Access;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;

import java.util.List;

@Path("/api/v1/me/push-inbox")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "me", description = "居民本人：未能通过微信送达的消息")
public class InboxResource {

    private final Inbox inbox;
    private final CurrentCaller caller;

    InboxResource(Inbox inbox, CurrentCaller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    public record Seen(int marked) {
    }

    @GET
    @Operation(summary = "Messages that reached the resident only in the Mini-Program, newest first")
    public Uni<List<Inbox.Item>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return inbox.of(caller.requireResident(), limit);
    }

    @POST
    @Path("/seen")
    @Operation(summary = "Mark all of them seen")
    public Uni<Seen> seen() {
        return inbox.markSeen(caller.requireResident()).map(Seen::new);
    }
}
