package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.community.HouseholdService;
import org.linli.community.HouseholdView;
import org.linli.community.Page;
import org.linli.identity.Access;
import org.linli.identity.Reach;

import java.util.List;

/** Households (paged, by building, within the caller's reach), their export, and the roster import. */
@CsrfChecked
@Path("/console/c/{communityId}/households")
@Produces(MediaType.TEXT_HTML)
public class HouseholdPages {

    static final int PAGE_SIZE = 50;
    private static final int EXPORT_MAX = 100_000;

    public record Option(long id, String name, boolean selected) {
    }

    public record Pager(int page, long pages, long total, boolean hasPrev, boolean hasNext, String query) {
        static Pager of(Page<?> p, String query) {
            long pages = Math.max(1, (p.total() + p.size() - 1) / p.size());
            return new Pager(p.page() + 1, pages, p.total(), p.page() > 0, p.page() + 1 < pages, query);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance households(Frame frame, List<HouseholdView> households, List<Option> buildings,
                                                  Long building, Pager pager);

    }

    private final ConsoleFrames frames;
    private final HouseholdService households;

    HouseholdPages(ConsoleFrames frames, HouseholdService households) {
        this.frames = frames;
        this.households = households;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> list(@PathParam("communityId") long communityId, @QueryParam("building") Long building,
                                      @QueryParam("page") @DefaultValue("1") int page) {
        Reach reach = frames.reach(communityId);
        int index = Math.min(Math.max(0, page - 1), Page.MAX_PAGE);
        return frames.page(communityId, msg().nav_households(), "households")
                .call(() -> building == null ? Uni.createFrom().voidItem()
                        : households.requireInReach(communityId, building, reach))
                .chain(frame -> households.visibleBuildings(communityId, reach)
                        .chain(buildings -> households.list(communityId, building, reach, index, PAGE_SIZE)
                                .map(p -> Templates.households(frame, p.items(),
                                        buildings.stream().map(b -> new Option(b.id, b.name,
                                                building != null && building == b.id)).toList(),
                                        building, Pager.of(p, building == null ? "" : "building=" + building + "&")))));
    }

    @GET
    @Path("/export")
    @Produces({Exports.XLSX, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> export(@PathParam("communityId") long communityId, @QueryParam("building") Long building,
                                @QueryParam("format") @DefaultValue("xlsx") String format) {
        Reach reach = frames.reach(communityId);
        return (building == null ? Uni.createFrom().voidItem() : households.requireInReach(communityId, building, reach))
                .chain(() -> households.list(communityId, building, reach, 0, EXPORT_MAX))
                .map(p -> Exports.download(new Exports.Table(msg().nav_households(),
                        List.of(msg().col_building(), msg().col_unit(), msg().col_room(), msg().col_area(), msg().col_verified(), msg().col_pending()),
                        p.items().stream().map(h -> List.<Object>of(h.building(), h.unit(), h.room(), h.floorArea(),
                                h.verifiedMembers(), h.pendingMembers())).toList()), format, "households"));
    }
}
