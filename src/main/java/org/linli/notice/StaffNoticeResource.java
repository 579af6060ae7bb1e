package org.linli.notice;

import org.linli.identity.Access;
import io.quarkus.security.PermissionsAllowed;
import org.linli.identity.Reach;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.community.Page;
import org.linli.identity.CurrentCaller;

import java.net.URI;
import java.util.List;

/** Staff publish, edit, withdraw and follow up notices; grid workers and building leaders within their part. */
@Path("/api/v1/communities/{communityId}/notices")
@PermissionsAllowed(Access.COMMUNITY_STAFF)
@Tag(name = "notices (staff)", description = "通知公告：发布、修改、撤回与阅读统计")
public class StaffNoticeResource {

    private final NoticePublisher publisher;
    private final StaffNotices notices;
    private final NoticeFigures figures;
    private final NoticeBodyLimit bodies;
    private final CurrentCaller caller;

    StaffNoticeResource(NoticePublisher publisher, StaffNotices notices, NoticeFigures figures, NoticeBodyLimit bodies,
                        CurrentCaller caller) {
        this.publisher = publisher;
        this.notices = notices;
        this.figures = figures;
        this.bodies = bodies;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish now or at publishAt; writes the notice and queues its pushes in one transaction")
    @RequestBody(content = @Content(schema = @Schema(implementation = NoticeDraft.class)))
    public Uni<Response> publish(@PathParam("communityId") long communityId, byte[] body) {
        Reach author = reach(communityId);
        NoticeDraft draft = bodies.read(body, NoticeDraft.class);
        return publisher.publish(communityId, author, draft)
                .map(change -> Response.created(URI.create("/api/v1/communities/" + communityId + "/notices/"
                        + change.notice().id())).entity(change).build());
    }

    @GET
    public Uni<Page<NoticeSummary>> list(@PathParam("communityId") long communityId,
                                         @QueryParam("status") NoticeStatus status,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return notices.list(communityId, reach(communityId), status, page, size);
    }

    @GET
    @Path("/{noticeId}")
    public Uni<NoticeView> get(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId) {
        return notices.view(communityId, noticeId, reach(communityId));
    }

    @PUT
    @Path("/{noticeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "New version of the content; the old one stays in the history; renotify pushes it again")
    @RequestBody(content = @Content(schema = @Schema(implementation = NoticeEdit.class)))
    public Uni<NoticeChange> edit(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId,
                                  @QueryParam("renotify") boolean renotify, byte[] body) {
        Reach editor = reach(communityId);
        NoticeEdit edit = bodies.read(body, NoticeEdit.class);
        return publisher.edit(communityId, noticeId, editor, edit, renotify || edit.renotify());
    }

    @POST
    @Path("/{noticeId}/withdraw")
    public Uni<NoticeView> withdraw(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId) {
        return publisher.withdraw(communityId, noticeId, reach(communityId));
    }

    @GET
    @Path("/{noticeId}/versions")
    public Uni<List<NoticeVersionView>> versions(@PathParam("communityId") long communityId,
                                                 @PathParam("noticeId") long noticeId) {
        return notices.versions(communityId, noticeId, reach(communityId));
    }

    @GET
    @Path("/{noticeId}/stats")
    public Uni<NoticeStats> stats(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId) {
        return figures.stats(communityId, noticeId, reach(communityId));
    }

    @GET
    @Path("/{noticeId}/unread-households")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Households nobody in which has read the notice; CSV (楼栋,单元,房号,住户数) with"
            + " ?format=csv or Accept: text/csv")
    public Uni<Response> unreadHouseholds(@PathParam("communityId") long communityId,
                                          @PathParam("noticeId") long noticeId,
                                          @QueryParam("format") String format,
                                          @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.toLowerCase().contains("text/csv"));
        return figures.unreadHouseholds(communityId, noticeId, reach(communityId)).map(list -> csv
                ? Response.ok(NoticeCsv.unreadHouseholds(list), NoticeCsv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"unread-households-" + noticeId + ".csv\"")
                        .build()
                : Response.ok(list, MediaType.APPLICATION_JSON).build());
    }

    private Reach reach(long communityId) {
        return caller.reachIn(communityId);
    }
}
