package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.community.CommunityService;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;
import org.linli.identity.Access;
import org.linli.identity.Caller;
import org.linli.push.PushHealth;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The community picker and a community's dashboard (工作台): only figures that exist today. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    public record CommunityLink(long id, String name, String code) {
    }

    public record Paused(String channel, String until) {
    }

    public record Dashboard(long households, long verifiedResidents, long pendingClaims, Long deadLetters,
                            List<Paused> paused) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance communities(Frame frame, List<CommunityLink> communities);

        static native TemplateInstance dashboard(Frame frame, Dashboard dashboard);
    }

    private final ConsoleFrames frames;
    private final CommunityService communities;
    private final MembershipService memberships;
    private final PushHealth push;

    HomePages(ConsoleFrames frames, CommunityService communities, MembershipService memberships, PushHealth push) {
        this.frames = frames;
        this.communities = communities;
        this.memberships = memberships;
        this.push = push;
    }

    @GET
    @RolesAllowed(Access.STAFF)
    public Uni<Response> home() {
        Caller c = frames.caller();
        return communities.visibleTo(c).map(list -> {
            if (list.size() == 1) {
                return Response.seeOther(URI.create("/console/c/" + list.get(0).id)).build();
            }
            List<CommunityLink> links = list.stream().map(x -> new CommunityLink(x.id, x.name, x.code)).toList();
            return Response.ok(Templates.communities(frames.plain("选择社区"), links)).build();
        });
    }

    @GET
    @Path("/c/{communityId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> dashboard(@PathParam("communityId") long communityId) {
        return frames.page(communityId, "工作台", "dashboard").chain(frame -> communities.summary(communityId)
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
