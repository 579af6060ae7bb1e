package org.linli.console;

import org.linli.community.Page;
import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;
import org.linli.identity.Access;

import java.net.URI;
import java.util.List;

/**
 * Review of household claims, narrowed to the grid worker's grids and the building leader's buildings by the
 * service, exactly as the API. With htmx a decision replaces its row; without, the page reloads.
 */
@CsrfChecked
@Path("/console/c/{communityId}/memberships")
@Produces(MediaType.TEXT_HTML)
public class MembershipPages {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance memberships(Frame frame, List<MembershipService.Claim> claims,
                                                   HouseholdPages.Pager pager);

        static native TemplateInstance membership_decided(MembershipService.Claim claim, boolean approved);
    }

    private final ConsoleFrames frames;
    private final MembershipService memberships;

    MembershipPages(ConsoleFrames frames, MembershipService memberships) {
        this.frames = frames;
        this.memberships = memberships;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> pending(@PathParam("communityId") long communityId,
                                         @QueryParam("page") @DefaultValue("1") int page) {
        return frames.page(communityId, msg().memberships_title(), "memberships")
                .chain(frame -> memberships.claims(communityId, MembershipStatus.PENDING, frames.reach(communityId),
                                Math.min(Math.max(0, page - 1), Page.MAX_PAGE), HouseholdPages.PAGE_SIZE)
                        .map(p -> Templates.memberships(frame, p.items(), HouseholdPages.Pager.of(p, ""))));
    }

    @POST
    @Path("/{membershipId}/approve")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> approve(@PathParam("communityId") long communityId,
                                 @PathParam("membershipId") long membershipId,
                                 @HeaderParam("HX-Request") String htmx) {
        // No roster-slot confirmation on this page yet: an owner slot folds only on a phone-hash match.
        return memberships.approve(communityId, membershipId, frames.reach(communityId), frames.caller().id(), null)
                .map(d -> answer(communityId, htmx, d.membership(), true));
    }

    @POST
    @Path("/{membershipId}/reject")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> reject(@PathParam("communityId") long communityId,
                                @PathParam("membershipId") long membershipId,
                                @HeaderParam("HX-Request") String htmx) {
        return memberships.reject(communityId, membershipId, frames.reach(communityId), frames.caller().id())
                .map(d -> answer(communityId, htmx, d.membership(), false));
    }

    private static Response answer(long communityId, String htmx, MembershipService.Claim claim, boolean approved) {
        if (htmx != null) {
            return Response.ok(Templates.membership_decided(claim, approved)).build();
        }
        return Response.seeOther(URI.create("/console/c/" + communityId + "/memberships")).build();
    }
}
