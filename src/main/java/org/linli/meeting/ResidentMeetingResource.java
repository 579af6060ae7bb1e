package org.linli.meeting;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

import java.util.List;

/** Residents (Mini-Program) see the meetings they are invited to and answer them. */
@Path("/api/v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "meetings (resident)", description = "居民会议：我的会议与参会回执")
public class ResidentMeetingResource {

    public record RsvpRequest(@NotNull Rsvp answer) {
    }

    private final ResidentMeetings meetings;
    private final CurrentCaller caller;

    ResidentMeetingResource(ResidentMeetings meetings, CurrentCaller caller) {
        this.meetings = meetings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "My meetings: upcoming first, then past ones")
    public Uni<List<MeetingViews.Mine>> mine() {
        return meetings.mine(caller.requireResident());
    }

    @GET
    @Path("/{meetingId}")
    @RolesAllowed(Access.RESIDENT)
    public Uni<MeetingViews.Mine> one(@PathParam("meetingId") long meetingId) {
        return meetings.one(caller.requireResident(), meetingId);
    }

    @PUT
    @Path("/{meetingId}/rsvp")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "参加 (YES), 不参加 (NO) or 待定 (MAYBE); invitees only, changeable until the start")
    public Uni<MeetingViews.Mine> rsvp(@PathParam("meetingId") long meetingId, @Valid @NotNull RsvpRequest body) {
        return meetings.rsvp(caller.requireResident(), meetingId, body.answer());
    }
}
