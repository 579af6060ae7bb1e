package org.linli.meeting;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.linli.identity.Reach;

import java.net.URI;
import java.util.List;

/** Staff call meetings, follow RSVPs and attendance, and publish the minutes; narrow roles within their reach. */
@Path("/api/v1/communities/{communityId}/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "meetings (staff)", description = "议事会 / 居民会议：召集、回执、签到与会议纪要")
public class StaffMeetingResource {

    public record AttendanceRequest(@NotNull @Positive Long residentId) {
    }

    public record MinutesRequest(@NotBlank @Size(max = 20_000) String text) {
    }

    private final MeetingService meetings;
    private final CurrentCaller caller;

    StaffMeetingResource(MeetingService meetings, CurrentCaller caller) {
        this.meetings = meetings;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Call a meeting: invitees frozen from the scope or the list, MEETING_INVITE pushed to them")
    public Uni<Response> create(@PathParam("communityId") long communityId, @Valid @NotNull MeetingDraft draft) {
        return meetings.create(communityId, reach(communityId), draft).map(v -> Response
                .created(URI.create("/api/v1/communities/" + communityId + "/meetings/" + v.id())).entity(v).build());
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Upcoming meetings (not ended, soonest first) or, with when=past, ended and cancelled ones")
    public Uni<List<MeetingViews.Summary>> list(@PathParam("communityId") long communityId,
                                                @QueryParam("when") @DefaultValue("upcoming")
                                                @Pattern(regexp = "upcoming|past") String when) {
        return meetings.list(communityId, reach(communityId), "past".equals(when));
    }

    @GET
    @Path("/{meetingId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "A meeting with its RSVP counts (参加/不参加/待定/未答复) and attendance")
    public Uni<MeetingViews.Staff> get(@PathParam("communityId") long communityId,
                                       @PathParam("meetingId") long meetingId) {
        return meetings.get(communityId, meetingId, reach(communityId));
    }

    @POST
    @Path("/{meetingId}/cancel")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Cancel; invitation pushes not delivered yet are called off")
    public Uni<MeetingViews.Staff> cancel(@PathParam("communityId") long communityId,
                                          @PathParam("meetingId") long meetingId) {
        return meetings.cancel(communityId, meetingId, reach(communityId));
    }

    @POST
    @Path("/{meetingId}/qrcode")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "A temporary Official Account QR code (scene meeting:<id>) for check-in, valid until check-in closes")
    public Uni<MeetingViews.QrCode> qrCode(@PathParam("communityId") long communityId,
                                           @PathParam("meetingId") long meetingId) {
        return meetings.qrCode(communityId, meetingId, reach(communityId));
    }

    @POST
    @Path("/{meetingId}/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Check a resident in by hand (an invitee, or a walk-in from the scope); twice keeps the first time")
    public Uni<MeetingViews.CheckedIn> checkIn(@PathParam("communityId") long communityId,
                                               @PathParam("meetingId") long meetingId,
                                               @Valid @NotNull AttendanceRequest body) {
        return meetings.checkInByHand(communityId, meetingId, body.residentId(), reach(communityId));
    }

    @GET
    @Path("/{meetingId}/attendance")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Who checked in (display names only)")
    public Uni<List<MeetingViews.Attendee>> attendance(@PathParam("communityId") long communityId,
                                                       @PathParam("meetingId") long meetingId) {
        return meetings.attendance(communityId, meetingId, reach(communityId));
    }

    @POST
    @Path("/{meetingId}/minutes")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Publish the minutes (会议纪要) as a notice to the meeting's audience, once, after the start")
    public Uni<MeetingViews.Staff> minutes(@PathParam("communityId") long communityId,
                                           @PathParam("meetingId") long meetingId,
                                           @Valid @NotNull MinutesRequest body) {
        return meetings.minutes(communityId, meetingId, reach(communityId), body.text());
    }

    private Reach reach(long communityId) {
        return caller.reachIn(communityId);
    }
}
