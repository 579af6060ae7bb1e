package org.linli.community;

import org.linli.identity.Access;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

@Path("/api/v1/communities/{communityId}/roster")
@Tag(name = "roster", description = "业主名册导入")
public class RosterResource {

    private final RosterService roster;
    private final CurrentCaller caller;

    RosterResource(RosterService roster, CurrentCaller caller) {
        this.roster = roster;
        this.caller = caller;
    }

    // Browsers on Windows with Excel installed send .csv files as application/vnd.ms-excel.
    @POST
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Consumes({"text/csv", "application/csv", "application/vnd.ms-excel", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import the household roster CSV (UTF-8 or GBK); all rows or none, idempotent")
    public Uni<RosterService.Report> upload(@PathParam("communityId") long communityId,
                                           @QueryParam("dryRun") boolean dryRun, byte[] body) {
        long staffId = caller.requireStaff().id();
        return roster.importRoster(communityId, staffId, body == null ? new byte[0] : body, dryRun);
    }

    @POST
    @Path("/xlsx")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Consumes(MediaType.WILDCARD) // the workbook is recognised by its bytes, whatever the client calls it
    @Operation(summary = "Import the household roster from an Excel workbook (.xlsx, first sheet); same rules as CSV")
    public Uni<RosterService.Report> uploadXlsx(@PathParam("communityId") long communityId,
                                               @QueryParam("dryRun") boolean dryRun, byte[] body) {
        long staffId = caller.requireStaff().id();
        return roster.importXlsx(communityId, staffId, body == null ? new byte[0] : body, dryRun);
    }
}
