package org.linli.community;

import org.linli.identity.Reach;
import org.linli.identity.Access;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Caller;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

import java.util.EnumSet;

@Path("/api/v1/communities/{communityId}/invites")
@Tag(name = "invites", description = "入户邀请码")
public class InviteResource {

    private final InviteService invites;
    private final CurrentCaller caller;

    InviteResource(InviteService invites, CurrentCaller caller) {
        this.invites = invites;
        this.caller = caller;
    }

    @POST
    @PermissionsAllowed(Access.COMMUNITY_INVITE)
    @Operation(summary = "New invite codes for every household of a building, for printing; earlier codes are revoked")
    public Uni<Response> forBuilding(@PathParam("communityId") long communityId,
                                     @QueryParam("building") @NotNull Long buildingId) {
        Caller c = caller.requireStaff();
        return invites.issueForBuilding(communityId, buildingId,
                        Reach.of(c, communityId, EnumSet.of(Role.BUILDING_LEADER)), c.id())
                .map(issued -> Response.status(201).entity(issued).build());
    }
}
