package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.linli.common.Problem;
import org.linli.community.HouseholdService;
import org.linli.community.InviteQrCodes;
import org.linli.community.InviteService;
import org.linli.identity.Access;
import org.linli.identity.Caller;
import org.linli.identity.Reach;
import org.linli.identity.Role;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Printable invite cards: one A4 sheet of cards per building, each with the household's new code and a QR code of
 * the Official Account whose scene is that code (scanning it binds the resident through the bot).
 */
@CsrfChecked
@Path("/console/c/{communityId}/invites")
@Produces(MediaType.TEXT_HTML)
public class InvitePages {

    public record Card(String building, String unit, String room, String code, String qrSvg, String until) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance invites(Frame frame, List<HouseholdPages.Option> buildings);

        static native TemplateInstance invite_cards(Frame frame, String building, List<Card> cards);
    }

    private final ConsoleFrames frames;
    private final HouseholdService households;
    private final InviteService invites;
    private final InviteQrCodes qrCodes;
    private final Clock clock;

    InvitePages(ConsoleFrames frames, HouseholdService households, InviteService invites, InviteQrCodes qrCodes,
                Clock clock) {
        this.frames = frames;
        this.households = households;
        this.invites = invites;
        this.qrCodes = qrCodes;
        this.clock = clock;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_INVITE)
    public Uni<TemplateInstance> form(@PathParam("communityId") long communityId) {
        return frames.page(communityId, msg().invites_title(), "invites")
                .chain(frame -> households.visibleBuildings(communityId, reach(communityId))
                        .map(list -> Templates.invites(frame, list.stream()
                                .map(b -> new HouseholdPages.Option(b.id, b.name, false)).toList())));
    }

    /** Issues new codes (the building's earlier ones are revoked) and shows them ready to print. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_INVITE)
    public Uni<TemplateInstance> issue(@PathParam("communityId") long communityId, @RestForm("building") Long building) {
        if (building == null) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
        Caller c = frames.caller();
        return invites.issueForBuilding(communityId, building, reach(communityId), c.id())
                .chain(issued -> Multi.createFrom().iterable(issued)
                        .onItem().transformToUniAndConcatenate(i -> qrCodes
                                .contentFor(i.code(), Duration.between(clock.instant(), i.expiresAt().toInstant()))
                                .map(content -> new Card(i.building(), i.unit(), i.room(), i.code(),
                                        QrSvg.of(content, msg().qr_label(i.code())),
                                        HomePages.TIME.format(i.expiresAt().toInstant()))))
                        .collect().asList())
                .chain(cards -> frames.page(communityId, msg().invites_title(), "invites").map(frame -> Templates.invite_cards(frame,
                        cards.isEmpty() ? "" : cards.get(0).building(), cards)));
    }

    /** Building leaders for their own buildings; ADMIN and COMMITTEE for all. */
    private Reach reach(long communityId) {
        return Reach.of(frames.caller(), communityId, EnumSet.of(Role.BUILDING_LEADER));
    }
}
