package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.common.Workers;
import org.linli.community.RosterService;
import org.linli.identity.Access;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** The roster import from Excel (.xlsx) or CSV, with the API's all-or-nothing rules and its per-row errors. */
@CsrfChecked
@Path("/console/c/{communityId}/roster")
@Produces(MediaType.TEXT_HTML)
public class RosterPage {

    public record Imported(boolean dryRun, RosterService.Report report) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance roster(Frame frame, Imported result, String error,
                                              List<Map<String, Object>> errors);
    }

    private final ConsoleFrames frames;
    private final RosterService roster;
    private final Workers workers;

    RosterPage(ConsoleFrames frames, RosterService roster, Workers workers) {
        this.frames = frames;
        this.roster = roster;
        this.workers = workers;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<TemplateInstance> rosterForm(@PathParam("communityId") long communityId) {
        return frames.page(communityId, msg().roster_title(), "roster").map(f -> Templates.roster(f, null, null, List.of()));
    }

    /** .xlsx (by content, whatever the file is called) or CSV; the same all-or-nothing import as the API. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> rosterUpload(@PathParam("communityId") long communityId, @RestForm("file") FileUpload file,
                                      @RestForm("dryRun") boolean dryRun) {
        long staffId = frames.caller().id();
        return frames.page(communityId, msg().roster_title(), "roster").chain(frame -> workers
                .call(() -> file == null ? new byte[0] : Files.readAllBytes(file.uploadedFile()))
                .chain(bytes -> RosterService.looksLikeXlsx(bytes)
                        ? roster.importXlsx(communityId, staffId, bytes, dryRun)
                        : roster.importRoster(communityId, staffId, bytes, dryRun))
                .map(report -> Response.ok(Templates.roster(frame, new Imported(report.dryRun(), report), null,
                        List.of())).build())
                .onFailure(Problem.class).recoverWithItem(e -> {
                    Problem p = (Problem) e;
                    return Response.status(p.status()).entity(Templates.roster(frame, null,
                            ProblemMessages.text(p.code(), p.args()), p.errors())).build();
                }));
    }
}
