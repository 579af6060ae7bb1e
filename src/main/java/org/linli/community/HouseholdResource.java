package org.linli.community;

import org.linli.identity.Reach;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Caller;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

import java.util.EnumSet;

@Path("/api/v1/communities/{communityId}/households")
@Tag(name = "households", description = "房屋（户）")
public class HouseholdResource {

    private final HouseholdService households;
    private final InviteService invites;
    private final CurrentCaller caller;

    HouseholdResource(HouseholdService households, InviteService invites, CurrentCaller caller) {
        this.households = households;
        this.invites = invites;
        this.caller = caller;
    }

    /** {@code building} is a building id from GET /communities/{id}/buildings. */
    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Page<HouseholdView>> list(@PathParam("communityId") long communityId,
                                         @QueryParam("building") Long buildingId,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return households.list(communityId, buildingId, caller.reachIn(communityId), page, size);
    }

    /** A one-time code for the household, revoking its previous one; building leaders only for their building. */
    @POST
    @Path("/{householdId}/invites")
    @PermissionsAllowed(Access.COMMUNITY_INVITE)
    public Uni<Response> invite(@PathParam("communityId") long communityId, @PathParam("householdId") long householdId) {
        Caller c = caller.requireStaff();
        return invites.issue(communityId, householdId, Reach.of(c, communityId, EnumSet.of(Role.BUILDING_LEADER)), c.id())
                .map(issued -> Response.status(201).entity(issued).build());
    }
}
