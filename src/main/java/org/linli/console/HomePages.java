package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.community.CommunityService;
import org.linli.identity.Access;
import org.linli.identity.Caller;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The community picker; one community goes straight to its dashboard ({@link DashboardPage}). */
@CsrfChecked
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    public record CommunityLink(long id, String name, String code) {
    }

    public record Paused(String channel, String until) {
    }

    public record Dashboard(long households, long verifiedResidents, long pendingClaims, Long deadLetters,
                            List<Paused> paused, Threads threads) {
    }

    /** 说事 within the caller's reach: today's counts and the three figures this month against last. */
    public record Threads(long submittedToday, long waiting, long overdue, List<Figure> figures) {
    }

    /** One of 响应率, 解决率, 满意率 as a percentage, or "—" when nothing was counted. */
    public record Figure(String name, String thisMonth, String lastMonth) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance communities(Frame frame, List<CommunityLink> communities);

        static native TemplateInstance dashboard(Frame frame, Dashboard dashboard);
    }

    private final ConsoleFrames frames;
    private final CommunityService communities;

    HomePages(ConsoleFrames frames, CommunityService communities) {
        this.frames = frames;
        this.communities = communities;
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
            return Response.ok(Templates.communities(frames.plain(msg().communities_title()), links)).build();
        });
    }
}
