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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Caller;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

import java.util.EnumSet;

/** Staff review of household claims: committee for the whole community, grid workers and building leaders for theirs. */
@Path("/api/v1/communities/{communityId}/memberships")
@Tag(name = "memberships", description = "居民绑定房屋的审核")
public class MembershipResource {

    private final MembershipService memberships;
    private final CurrentCaller caller;

    MembershipResource(MembershipService memberships, CurrentCaller caller) {
        this.memberships = memberships;
        this.caller = caller;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Page<MembershipService.Claim>> list(@PathParam("communityId") long communityId,
                                                   @QueryParam("status") @DefaultValue("PENDING") MembershipStatus status,
                                                   @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return memberships.claims(communityId, status, scope(communityId), page, size);
    }

    @POST
    @Path("/{membershipId}/approve")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<MembershipService.Decision> approve(@PathParam("communityId") long communityId,
                                                   @PathParam("membershipId") long membershipId) {
        return memberships.approve(communityId, membershipId, scope(communityId), caller.require().id());
    }

    @POST
    @Path("/{membershipId}/reject")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<MembershipService.Decision> reject(@PathParam("communityId") long communityId,
                                                  @PathParam("membershipId") long membershipId) {
        return memberships.reject(communityId, membershipId, scope(communityId), caller.require().id());
    }

    private Reach scope(long communityId) {
        return caller.reachIn(communityId);
    }
}
