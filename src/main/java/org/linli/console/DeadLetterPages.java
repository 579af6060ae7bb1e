package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.identity.Access;
import org.linli.push.DeadLetters;

import java.net.URI;
import java.util.List;

/** Pushes the engine gave up on, and sending them again from the first channel (re-drive). */
@CsrfChecked
@Path("/console/c/{communityId}/dead-letters")
@Produces(MediaType.TEXT_HTML)
public class DeadLetterPages {

    public record Row(long id, String title, String sourceRef, long residentId, String channel, String errcode,
                      String error, int failures, String at) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dead_letters(Frame frame, List<Row> letters, Integer redriven);
    }

    private final ConsoleFrames frames;
    private final DeadLetters deadLetters;

    DeadLetterPages(ConsoleFrames frames, DeadLetters deadLetters) {
        this.frames = frames;
        this.deadLetters = deadLetters;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<TemplateInstance> list(@PathParam("communityId") long communityId,
                                      @QueryParam("redriven") Integer redriven) {
        return frames.page(communityId, msg().dead_title(), "dead-letters")
                .chain(frame -> deadLetters.list(communityId, null, 200).map(list -> Templates.dead_letters(frame,
                        list.stream().map(d -> new Row(d.id(), d.title(), d.sourceRef(), d.residentId(),
                                d.channel() == null ? "" : d.channel().name(),
                                d.errcode() == null ? "" : String.valueOf(d.errcode()), d.error() == null ? "" : d.error(),
                                d.failures(), d.at() == null ? "" : HomePages.TIME.format(d.at()))).toList(),
                        redriven)));
    }

    @POST
    @Path("/{id}/redrive")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> redrive(@PathParam("communityId") long communityId, @PathParam("id") long id) {
        return deadLetters.redrive(communityId, id, frames.caller().id()).map(ignored -> back(communityId, 1));
    }

    @POST
    @Path("/redrive")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> redriveAll(@PathParam("communityId") long communityId) {
        return deadLetters.redriveAll(communityId, null, frames.caller().id()).map(n -> back(communityId, n));
    }

    private static Response back(long communityId, int count) {
        return Response.seeOther(URI.create("/console/c/" + communityId + "/dead-letters?redriven=" + count)).build();
    }
}
