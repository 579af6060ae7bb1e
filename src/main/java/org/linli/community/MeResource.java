package org.linli.community;

import org.linli.identity.Access;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;

/** The signed-in resident's own households; never anyone else's. */
@Path("/api/v1/me")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "me", description = "居民本人：我的房屋")
public class MeResource {

    private final MembershipService memberships;
    private final InviteService invites;
    private final CurrentCaller caller;

    MeResource(MembershipService memberships, InviteService invites, CurrentCaller caller) {
        this.memberships = memberships;
        this.invites = invites;
        this.caller = caller;
    }

    public record Redeem(@NotBlank @Size(max = 32) String code, @NotNull MembershipRole role,
                         @NotBlank @Size(max = 64) String displayName) {
    }

    @GET
    public Uni<MembershipService.Me> me() {
        return memberships.me(caller.requireResident());
    }

    @POST
    @Path("/memberships")
    @Operation(summary = "Claim a household with an invite code; staff approve the claim afterwards")
    public Uni<Response> redeem(@Valid Redeem request) {
        long residentId = caller.requireResident();
        return invites.redeem(residentId, request.code(), request.role(), Text.clean(request.displayName()))
                .map(m -> Response.status(201).entity(m).build());
    }
}
