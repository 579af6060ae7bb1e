package org.linli.thread;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.common.Problem;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The Mini-Program side of 说事: raise, my threads, public threads, 附议, comments, reports, rating, reopen. */
@Path("/api/v1/threads")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "threads", description = "居民：说事、附议、评论、评价")
public class ResidentThreadResource {

    public record Rating(int score, String comment) {
    }

    public record Report(Long commentId, String reason) {
    }

    public record Reopen(String note) {
    }

    private final ThreadService threads;
    private final ThreadQueries queries;
    private final ThreadParticipation participation;
    private final ThreadWorkflow workflow;
    private final CurrentCaller caller;

    ResidentThreadResource(ThreadService threads, ThreadQueries queries, ThreadParticipation participation,
                           ThreadWorkflow workflow, CurrentCaller caller) {
        this.threads = threads;
        this.queries = queries;
        this.participation = participation;
        this.workflow = workflow;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Raise (SUBMITTED, or DRAFT with draft=true); answers the thread and similar open public"
            + " threads (附议 instead?). Text is checked (msgSecCheck v2 + local list): refused → 400"
            + " THREAD_CONTENT_REFUSED; review → held for staff before others see it")
    public Uni<Response> raise(@Valid @NotNull NewThread body) {
        return threads.raiseFromMini(caller.requireResident(), body)
                .map(r -> Response.created(URI.create("/api/v1/threads/" + r.thread().id())).entity(r).build());
    }

    @POST
    @Path("/{threadId}/submit")
    @Operation(summary = "Submit a DRAFT")
    public Uni<ThreadSummary> submit(@PathParam("threadId") long threadId) {
        return threads.submit(caller.requireResident(), threadId);
    }

    @GET
    @Operation(summary = "My threads, newest first")
    public Uni<List<ThreadViews.Line>> mine() {
        return queries.mine(caller.requireResident());
    }

    @GET
    @Path("/public")
    @Operation(summary = "Public threads of my communities, newest first (keyset: cursor = previous page's next)")
    public Uni<ThreadViews.Slice<ThreadViews.Line>> publicThreads(@QueryParam("cursor") String cursor,
                                                                  @QueryParam("limit") @DefaultValue("20") int limit) {
        return queries.publicInScope(caller.requireResident(), cursor, limit);
    }

    @GET
    @Path("/{threadId}")
    @Operation(summary = "Detail and timeline (staff shown by role and display name only; numbers masked for"
            + " others' text)")
    public Uni<ThreadViews.Detail> detail(@PathParam("threadId") long threadId) {
        return queries.residentDetail(caller.requireResident(), threadId);
    }

    @POST
    @Path("/{threadId}/support")
    @Operation(summary = "附议 (one per resident); 409 THREAD_ALREADY_SUPPORTED")
    public Uni<Map<String, Integer>> support(@PathParam("threadId") long threadId) {
        return participation.support(caller.requireResident(), threadId).map(n -> Map.of("supportCount", n));
    }

    @DELETE
    @Path("/{threadId}/support")
    @Operation(summary = "Withdraw 附议 (until the thread is resolved)")
    public Uni<Map<String, Integer>> withdraw(@PathParam("threadId") long threadId) {
        return participation.withdrawSupport(caller.requireResident(), threadId).map(n -> Map.of("supportCount", n));
    }

    @POST
    @Path("/{threadId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> comment(@PathParam("threadId") long threadId,
                                 @Valid @NotNull ThreadParticipation.NewComment body) {
        return participation.comment(caller.requireResident(), threadId, body.body(), true)
                .map(id -> Response.status(201).entity(Map.of("id", id)).build());
    }

    @PUT
    @Path("/{threadId}/comments/{commentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit my comment (the earlier text is kept for staff)")
    public Uni<Response> editComment(@PathParam("threadId") long threadId, @PathParam("commentId") long commentId,
                                     @Valid @NotNull ThreadParticipation.NewComment body) {
        return participation.editComment(caller.requireResident(), commentId, body.body(), true)
                .map(x -> Response.noContent().build());
    }

    @DELETE
    @Path("/{threadId}/comments/{commentId}")
    public Uni<Response> deleteComment(@PathParam("threadId") long threadId, @PathParam("commentId") long commentId) {
        return participation.deleteComment(caller.requireResident(), commentId).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{threadId}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report the thread or one of its comments; enough reports hide it until staff review")
    public Uni<Response> report(@PathParam("threadId") long threadId, Report body) {
        return participation.report(caller.requireResident(), threadId, body == null ? null : body.commentId(),
                body == null ? null : body.reason()).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{threadId}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate 1–5 (raiser and supporters, within the rating window); twice → 409 THREAD_ALREADY_RATED")
    public Uni<Response> rate(@PathParam("threadId") long threadId, Rating body) {
        if (body == null) {
            throw Problem.badRequest("THREAD_RATING_INVALID");
        }
        return participation.rate(caller.requireResident(), threadId, body.score(), body.comment())
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{threadId}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "重新办理: once, by the raiser who rated ≤ 2 → IN_PROGRESS with the same assignee")
    public Uni<ThreadViews.Detail> reopen(@PathParam("threadId") long threadId, Reopen body) {
        long me = caller.requireResident();
        return workflow.reopen(me, threadId, body == null ? null : body.note())
                .chain(id -> queries.residentDetail(me, id));
    }
}
