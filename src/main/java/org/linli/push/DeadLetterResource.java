package org.linli.push;

import org.linli.identity.Access;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Caller;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

import java.util.List;

/** Pushes that could not be delivered, for the committee: see why, fix the cause, send them again. */
@Path("/api/v1/communities/{communityId}/push/dead-letters")
@Tag(name = "push", description = "消息推送：投递失败的消息与重新投递")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final CurrentCaller caller;

    DeadLetterResource(DeadLetters deadLetters, CurrentCaller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    public record Redriven(int redriven) {
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Operation(summary = "Dead letters of the community, newest first; page on with ?before=<last id>")
    public Uni<List<DeadLetters.DeadLetter>> list(@PathParam("communityId") long communityId, @QueryParam("before") Long before,
                                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return deadLetters.list(communityId, before, limit);
    }

    @POST
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Path("/{id}/redrive")
    @Operation(summary = "Queue a dead letter again, from the first channel")
    public Uni<Redriven> redrive(@PathParam("communityId") long communityId, @PathParam("id") long id) {
        Caller staff = caller.requireStaff();
        return deadLetters.redrive(communityId, id, staff.id()).replaceWith(new Redriven(1));
    }

    @POST
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Path("/redrive")
    @Operation(summary = "Queue all dead letters again, or those that failed with ?errcode= (after fixing a template)")
    public Uni<Redriven> redriveAll(@PathParam("communityId") long communityId, @QueryParam("errcode") Integer errcode) {
        Caller staff = caller.requireStaff();
        return deadLetters.redriveAll(communityId, errcode, staff.id()).map(Redriven::new);
    }
}
