package org.linli.poll;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Staff run polls: COMMITTEE and ADMIN any; a BUILDING_LEADER those scoped to their buildings or units there; grid
 * workers see and serve (paper ballots, turnout) polls inside their grids. Narrowing happens in the services.
 */
@Path("/api/v1/communities/{communityId}/polls")
@Tag(name = "polls (staff)", description = "议事表决：创建、公告、开始、结束、公示，选民名册、投票率与纸质票")
@Produces(MediaType.APPLICATION_JSON)
public class StaffPollResource {

    public record Reason(String reason) {
    }

    public record Extension(@NotNull OffsetDateTime closeAt, String reason) {
    }

    public record Statement(String statement) {
    }

    public record LateVoter(@NotNull Long residentId, Long householdId, String reason) {
    }

    private final PollService polls;
    private final PollRecords records;
    private final Electorates electorates;
    private final Voting voting;
    private final LiveResults live;
    private final CurrentCaller caller;

    StaffPollResource(PollService polls, PollRecords records, Electorates electorates, Voting voting,
                      LiveResults live, CurrentCaller caller) {
        this.polls = polls;
        this.records = records;
        this.electorates = electorates;
        this.voting = voting;
        this.live = live;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Create a DRAFT poll")
    public Uni<Response> create(@PathParam("communityId") long communityId, @Valid @NotNull PollDraft draft) {
        return polls.create(communityId, reach(communityId), draft).map(v -> Response
                .created(URI.create("/api/v1/communities/" + communityId + "/polls/" + v.id())).entity(v).build());
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<PollView>> list(@PathParam("communityId") long communityId) {
        return polls.list(communityId, reach(communityId));
    }

    @GET
    @Path("/{pollId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<PollView> get(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId) {
        return polls.view(communityId, pollId, reach(communityId));
    }

    @PUT
    @Path("/{pollId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Edit; after announcement only tightening, questions only until the first ballot")
    public Uni<PollView> edit(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                              @Valid @NotNull PollDraft draft) {
        return polls.edit(communityId, pollId, reach(communityId), draft);
    }

    @POST
    @Path("/{pollId}/announce")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<PollView> announce(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId) {
        return polls.announce(communityId, pollId, reach(communityId));
    }

    @POST
    @Path("/{pollId}/open")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Open now instead of at openAt (the 公告期 still applies); freezes the electorate")
    public Uni<PollView> open(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId) {
        return polls.openNow(communityId, pollId, reach(communityId));
    }

    @POST
    @Path("/{pollId}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Close; before closeAt a reason is required and audited")
    public Uni<PollView> close(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                               Reason body) {
        return polls.closeNow(communityId, pollId, reach(communityId), body == null ? null : body.reason());
    }

    @POST
    @Path("/{pollId}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Later close time (audited); a CLOSED poll reopens and only units that have not voted hear")
    public Uni<PollView> extend(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                @Valid @NotNull Extension body) {
        return polls.extend(communityId, pollId, reach(communityId), body.closeAt(), body.reason());
    }

    @PUT
    @Path("/{pollId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<PollView> outcome(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                 @NotNull Statement body) {
        return polls.outcome(communityId, pollId, reach(communityId), body.statement());
    }

    @POST
    @Path("/{pollId}/publish")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "公示: publish the result with the outcome statement and the chain head")
    public Uni<PollView> publish(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId) {
        return polls.publish(communityId, pollId, reach(communityId));
    }

    @GET
    @Path("/{pollId}/result")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "The result with its explanation, when the poll's results visibility allows it")
    public Uni<PollResult> result(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))).chain(p -> {
            if (!Results.visible(p, false)) {
                throw org.linli.common.Problem.conflict("POLL_RESULT_HIDDEN");
            }
            return live.of(p);
        });
    }

    @GET
    @Path("/{pollId}/electorate")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "The electorate frozen at opening; ?format=csv for a spreadsheet")
    public Uni<Response> electorate(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                    @QueryParam("format") String format) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> electorates.list(pollId))).map(list -> "csv".equalsIgnoreCase(format)
                ? csv(PollCsv.write(List.of("单位", "类型", "房屋", "面积", "面积来源", "可在线投票人数", "已投票", "补录原因"),
                list, e -> List.of(e.unitKey(), e.headKind(), e.label(), e.area(), e.areaSources(), e.voters(),
                        e.voted() ? "是" : "否", e.lateReason() == null ? "" : e.lateReason())),
                "electorate-" + pollId + ".csv")
                : Response.ok(list).build());
    }

    @POST
    @Path("/{pollId}/electorate")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Add a voter verified after opening, with an audited reason")
    public Uni<Map<String, String>> addVoter(@PathParam("communityId") long communityId,
                                             @PathParam("pollId") long pollId, @Valid @NotNull LateVoter body) {
        return polls.addLateVoter(communityId, pollId, reach(communityId), body.residentId(), body.householdId(),
                body.reason()).map(key -> Map.of("unitKey", key));
    }

    @GET
    @Path("/{pollId}/turnout")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<PollRecords.BuildingTurnout>> turnout(@PathParam("communityId") long communityId,
                                                         @PathParam("pollId") long pollId) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> records.turnout(pollId)));
    }

    @GET
    @Path("/{pollId}/turnout/not-voted")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Households whose unit has not voted (for door-to-door); ?building=&format=csv")
    public Uni<Response> notVoted(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                  @QueryParam("building") Long buildingId, @QueryParam("format") String format) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> records.notVoted(pollId, buildingId))).map(list -> "csv".equalsIgnoreCase(format)
                ? csv(PollCsv.write(List.of("楼栋/单元/房号", "单位", "类型"), list,
                n -> List.of(n.address(), n.unitKey(), n.headKind())), "not-voted-" + pollId + ".csv")
                : Response.ok(list).build());
    }

    @POST
    @Path("/{pollId}/paper-ballots")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Enter a 纸质表决票 / 入户 / 委托 ballot with the photo of the signed form")
    public Uni<Response> paper(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                               @NotNull Voting.PaperBallot body) {
        PollReach reach = reach(communityId);
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach))
                .chain(p -> voting.enter(pollId, reach.staffId(), body))
                .map(receipt -> Response.status(receipt.counted() ? 201 : 200).entity(receipt).build());
    }

    @GET
    @Path("/{pollId}/conflicts")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<PollRecords.Conflict>> conflicts(@PathParam("communityId") long communityId,
                                                    @PathParam("pollId") long pollId) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> records.conflicts(pollId)));
    }

    @GET
    @Path("/{pollId}/audit")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<PollRecords.AuditEvent>> audit(@PathParam("communityId") long communityId,
                                                  @PathParam("pollId") long pollId) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> records.audit(pollId)));
    }

    @GET
    @Path("/{pollId}/export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Operation(summary = "Ballot events and the units behind each pseudonym, to recompute tally and chain head")
    public Uni<Response> export(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                @QueryParam("part") String part) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach(communityId))
                .chain(p -> "units".equals(part)
                        ? records.units(p).map(units -> PollCsv.write(List.of("unit_key", "pseudonym", "head_kind",
                                "label", "area", "area_sources"), units, u -> List.of(u.unitKey(), u.pseudonym(),
                                u.headKind(), u.label(), u.area().toPlainString(), u.areaSources())))
                        : records.events(pollId).map(PublicPollResource::eventsCsv)))
                .map(bytes -> csv(bytes, "poll-" + pollId + "-" + ("units".equals(part) ? "units" : "events") + ".csv"));
    }

    private static Response csv(byte[] body, String filename) {
        return Response.ok(body, PollCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private PollReach reach(long communityId) {
        return PollReach.of(caller.requireStaff(), communityId);
    }
}
