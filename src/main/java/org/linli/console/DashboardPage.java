package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.linli.community.CommunityService;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;
import org.linli.identity.Access;
import org.linli.push.PushHealth;

import java.util.List;

import static org.linli.console.HomePages.Dashboard;
import static org.linli.console.HomePages.Paused;
import static org.linli.console.HomePages.TIME;
import static org.linli.console.HomePages.Templates;

/** A community's dashboard (工作台): pending claims, households, and for the committee the push health. */
@jakarta.ws.rs.Path("/console/c/{communityId}")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    private final ConsoleFrames frames;
    private final CommunityService communities;
    private final MembershipService memberships;
    private final PushHealth push;

    DashboardPage(ConsoleFrames frames, CommunityService communities, MembershipService memberships, PushHealth push) {
        this.frames = frames;
        this.communities = communities;
        this.memberships = memberships;
        this.push = push;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> dashboard(@PathParam("communityId") long communityId) {
        return frames.page(communityId, msg().nav_dashboard(), "dashboard").chain(frame -> communities.summary(communityId)
                .chain(summary -> memberships.claims(communityId, MembershipStatus.PENDING,
                                frames.reach(communityId), 0, 1)
                        .chain(claims -> frame.manage()
                                ? push.of(communityId).map(h -> new Dashboard(summary.households(),
                                        summary.verifiedResidents(), claims.total(), h.deadLetters(),
                                        h.paused().stream().map(p -> new Paused(p.channel().name(),
                                                TIME.format(p.until()))).toList()))
                                : Uni.createFrom().item(new Dashboard(summary.households(),
                                        summary.verifiedResidents(), claims.total(), null, List.of()))))
                .map(d -> Templates.dashboard(frame, d)));
    }
}
