package org.linli.thread;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.common.Problem;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The staff side of 说事: the queue, every lifecycle action, notes, moderation, figures and exports. */
@Path("/api/v1/communities/{communityId}/threads")
@PermissionsAllowed(Access.COMMUNITY_STAFF)
@Tag(name = "threads (staff)", description = "说事：受理、分派、办理、办结、合并、上报与统计")
public class StaffThreadResource {

    public record Note(String note) {
    }

    public record ModerationDecision(String decision, Long commentId, Long photoId, String reason) {
    }

    /** accept, reject, deliberate, start, resolve, close, transfer, merge, escalate. */
    private static final java.util.Set<ThreadAction> STAFF_ACTIONS = java.util.EnumSet.complementOf(
            java.util.EnumSet.of(ThreadAction.SUBMIT, ThreadAction.REOPEN));

    private final ThreadQueries queries;
    private final ThreadWorkflow workflow;
    private final ThreadParticipation participation;
    private final ThreadFigures figures;
    private final CurrentCaller caller;

    StaffThreadResource(ThreadQueries queries, ThreadWorkflow workflow, ThreadParticipation participation,
                        ThreadFigures figures, CurrentCaller caller) {
        this.queries = queries;
        this.workflow = workflow;
        this.participation = participation;
        this.figures = figures;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The queue within the caller's reach, keyset-paginated (cursor = previous page's next);"
            + " CSV with ?format=csv")
    public Uni<Response> queue(@PathParam("communityId") long communityId,
                               @QueryParam("status") ThreadStatus status,
                               @QueryParam("grid") Long gridId,
                               @QueryParam("category") String category,
                               @QueryParam("assignee") String assignee,
                               @QueryParam("overdue") Boolean overdue,
                               @QueryParam("escalated") Boolean escalated,
                               @QueryParam("moderation") Moderation moderation,
                               @QueryParam("sort") @DefaultValue("created") String sort,
                               @QueryParam("cursor") String cursor,
                               @QueryParam("limit") @DefaultValue("20") int limit,
                               @QueryParam("format") String format,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Actor actor = actor(communityId);
        Long assigneeId = assignee == null || assignee.isBlank() ? null
                : "me".equals(assignee) ? actor.id() : parseId(assignee);
        boolean csv = wantsCsv(format, accept);
        QueueFilter filter = new QueueFilter(status, gridId, category, assigneeId, overdue, escalated, moderation,
                sort, cursor, csv ? 200 : limit);
        return queries.queue(communityId, actor, filter).map(slice -> csv
                ? Response.ok(ThreadQueries.queueCsv(slice.items()), Csv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"threads.csv\"").build()
                : Response.ok(slice, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/{threadId}")
    @Operation(summary = "Detail with the full timeline (internal notes included), comments with edit history and"
            + " merge suggestions")
    public Uni<ThreadViews.Detail> detail(@PathParam("communityId") long communityId,
                                          @PathParam("threadId") long threadId) {
        return queries.staffDetail(communityId, threadId, actor(communityId));
    }

    @POST
    @Path("/{threadId}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A lifecycle move: 409 THREAD_STATE_CONFLICT (with the current state) when the state does"
            + " not allow it or another staff member moved first; 403 THREAD_ACTION_FORBIDDEN when the caller may not")
    public Uni<ThreadViews.Detail> act(@PathParam("communityId") long communityId,
                                       @PathParam("threadId") long threadId,
                                       @PathParam("action") String action, @Valid StaffMove move) {
        Actor actor = actor(communityId);
        ThreadAction a = STAFF_ACTIONS.stream().filter(x -> x.name().equalsIgnoreCase(action)).findFirst()
                .orElseThrow(() -> Problem.notFound("NOT_FOUND"));
        return workflow.act(communityId, threadId, actor, a, move)
                .chain(id -> queries.staffDetail(communityId, id, actor(communityId)));
    }

    @POST
    @Path("/{threadId}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An internal note residents never see")
    public Uni<ThreadViews.Detail> note(@PathParam("communityId") long communityId,
                                        @PathParam("threadId") long threadId, Note body) {
        Actor actor = actor(communityId);
        return workflow.note(communityId, threadId, actor, body == null ? null : body.note())
                .chain(id -> queries.staffDetail(communityId, id, actor));
    }

    @POST
    @Path("/{threadId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A public reply by staff (shown as 工作人员)")
    public Uni<Response> comment(@PathParam("communityId") long communityId, @PathParam("threadId") long threadId,
                                 @Valid ThreadParticipation.NewComment body) {
        if (body == null) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
        return participation.staffComment(communityId, threadId, actor(communityId), body.body())
                .map(id -> Response.status(201).entity(Map.of("id", id)).build());
    }

    @POST
    @Path("/{threadId}/moderation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "RELEASE or REMOVE a held/hidden thread (commentId and photoId null), comment or photo; audited")
    public Uni<ThreadViews.Detail> moderate(@PathParam("communityId") long communityId,
                                            @PathParam("threadId") long threadId, ModerationDecision body) {
        Actor actor = actor(communityId);
        if (body == null) {
            throw Problem.badRequest("THREAD_MODERATION_UNKNOWN");
        }
        if (body.commentId() != null && body.photoId() != null) {
            throw Problem.badRequest("THREAD_MODERATION_UNKNOWN");
        }
        Uni<Void> moderation = body.photoId() != null
                ? participation.moderatePhoto(communityId, threadId, actor, body.photoId(), body.decision(), body.reason())
                : participation.moderate(communityId, threadId, actor, body.commentId(), body.decision(), body.reason());
        return moderation
                .chain(() -> queries.staffDetail(communityId, threadId, actor));
    }

    @GET
    @Path("/figures")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "响应率, 解决率, 满意率, average times and reopens by community|grid|staff|category|month over"
            + " threads submitted in [from, to) (yyyy-MM-dd, community time); CSV with ?format=csv")
    public Uni<Response> figures(@PathParam("communityId") long communityId,
                                 @QueryParam("by") @DefaultValue("community") String by,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("format") String format,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = wantsCsv(format, accept);
        return figures.figures(communityId, actor(communityId), by, day(from), day(to)).map(rows -> csv
                ? Response.ok(ThreadFigures.csv(rows), Csv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"thread-figures.csv\"").build()
                : Response.ok(rows, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/escalated")
    @Produces("text/csv")
    @Operation(summary = "Threads escalated to the street office (上报街道), as CSV for its own system")
    public Uni<Response> escalated(@PathParam("communityId") long communityId) {
        return queries.escalatedCsv(communityId, actor(communityId)).map(csv -> Response.ok(csv, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"escalated.csv\"").build());
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "The caller's thread alerts (routed to them, assigned, reopened)")
    public Uni<List<ThreadViews.Alert>> alerts(@PathParam("communityId") long communityId) {
        return queries.alerts(actor(communityId).id());
    }

    private Actor actor(long communityId) {
        return Actor.staff(caller.requireStaff(), communityId);
    }

    private static boolean wantsCsv(String format, String accept) {
        return "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv"));
    }

    private static Long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
    }

    private static LocalDate day(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
    }
}
