package org.linli.notice;

import org.linli.identity.Access;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.community.Page;
import org.linli.identity.CurrentCaller;

/** The signed-in resident's notices: those of the households they are verified in, and nothing else. */
@Path("/api/v1/notices")
@RolesAllowed(Access.RESIDENT)
@Tag(name = "notices", description = "居民：我的通知")
public class ResidentNoticeResource {

    private final NoticeService notices;
    private final CurrentCaller caller;

    ResidentNoticeResource(NoticeService notices, CurrentCaller caller) {
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Current notices, unread first, then newest first")
    public Uni<Page<ResidentNoticeItem>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return notices.forResident(caller.requireResident(), page, size);
    }

    @GET
    @Path("/{noticeId}")
    @Operation(summary = "Read a notice; the first read is recorded as the read receipt")
    public Uni<ResidentNotice> read(@PathParam("noticeId") long noticeId) {
        return notices.read(caller.requireResident(), noticeId);
    }

    @POST
    @Path("/{noticeId}/ack")
    @Operation(summary = "Confirm a notice that asks for confirmation")
    public Uni<ResidentNotice> acknowledge(@PathParam("noticeId") long noticeId) {
        return notices.acknowledge(caller.requireResident(), noticeId);
    }
}
