package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.community.CommunityService;
import org.linli.identity.Access;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.identity.StaffService;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Staff accounts of the community and new accounts with their grant (the same rules as the API). */
@CsrfChecked
@Path("/console/c/{communityId}/staff")
@Produces(MediaType.TEXT_HTML)
public class StaffPages {

    public record Member(long id, String username, String displayName) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance staff(Frame frame, List<Member> staff, List<Role> roles,
                                             List<HouseholdPages.Option> grids, List<HouseholdPages.Option> buildings,
                                             String error);
    }

    private final ConsoleFrames frames;
    private final StaffService staff;
    private final CommunityService communities;

    StaffPages(ConsoleFrames frames, StaffService staff, CommunityService communities) {
        this.frames = frames;
        this.staff = staff;
        this.communities = communities;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> list(@PathParam("communityId") long communityId) {
        return page(communityId, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> add(@PathParam("communityId") long communityId, @RestForm String username,
                             @RestForm String displayName, @RestForm String password, @RestForm String role,
                             @RestForm Long grid, @RestForm Long building) {
        Role r;
        try {
            r = Role.valueOf(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            return page(communityId, ProblemMessages.text("VALIDATION_FAILED"), 400);
        }
        String user = username == null ? "" : username.strip();
        String name = displayName == null ? "" : displayName.strip();
        if (!user.matches("[A-Za-z0-9_.-]{3,64}") || name.isEmpty() || name.length() > 64 || password == null
                || password.length() < 8 || password.length() > 128) {
            return page(communityId, ProblemMessages.text("VALIDATION_FAILED"), 400);
        }
        if (r == Role.ADMIN && !frames.caller().holds(communityId, Set.of(Role.ADMIN))) {
            return page(communityId, ProblemMessages.text("FORBIDDEN"), 403);
        }
        Grant grant = new Grant(r, communityId, r == Role.GRID_WORKER ? grid : null, r == Role.BUILDING_LEADER ? building : null);
        return communities.checkGrant(grant)
                .chain(() -> staff.create(new StaffService.NewStaff(user, name, password, List.of(grant))))
                .map(created -> Response.seeOther(URI.create("/console/c/" + communityId + "/staff")).build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return page(communityId, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    private Uni<Response> page(long communityId, String error, int status) {
        return frames.page(communityId, msg().staff_title(), "staff").chain(frame -> staff.inCommunity(communityId)
                .chain(members -> communities.grids(communityId).chain(grids -> communities.buildings(communityId)
                        .map(buildings -> Response.status(status).entity(Templates.staff(frame,
                                members.stream().map(s -> new Member(s.id, s.username, s.displayName)).toList(),
                                Arrays.asList(Role.values()),
                                grids.stream().map(g -> new HouseholdPages.Option(g.id, g.name, false)).toList(),
                                buildings.stream().map(b -> new HouseholdPages.Option(b.id, b.name, false)).toList(),
                                error)).build()))));
    }
}
