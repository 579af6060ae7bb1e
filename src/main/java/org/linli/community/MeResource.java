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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.common.PlainText;
import org.linli.identity.CurrentCaller;

/** The signed-in resident's own households; never anyone else's. */
@Path("/api/v1/me")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "me", description = "居民本人：我的房屋")
public class MeResource {

    private final MembershipService memberships;
    private final InviteService invites;
    private final CurrentCaller caller;
    private final InviteGuesses guesses;

    MeResource(MembershipService memberships, InviteService invites, CurrentCaller caller, InviteGuesses guesses) {
        this.memberships = memberships;
        this.invites = invites;
        this.caller = caller;
        this.guesses = guesses;
    }

    public record Redeem(@NotBlank @Size(max = 32) String code, @NotNull MembershipRole role,
                         @NotBlank @Size(max = 64) @PlainText String displayName) {
    }

    @GET
    public Uni<MembershipService.Me> me() {
        return memberships.me(caller.requireResident());
    }

    @POST
    @Path("/memberships")
    @Operation(summary = "Claim a household with an invite code; staff approve the claim afterwards")
    public Uni<Response> redeem(@Valid @NotNull Redeem request, @Context HttpServerRequest http) {
        long residentId = caller.requireResident();
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return guesses.admitIp(ip).chain(() -> invites.redeem(residentId, request.code(), request.role(), Text.clean(request.displayName())))
                .map(m -> Response.status(201).entity(m).build());
    }
}
