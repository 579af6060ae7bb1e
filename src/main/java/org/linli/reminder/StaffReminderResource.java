package org.linli.reminder;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.linli.identity.Reach;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Staff's reminders: custom ones to a scope, once or recurring; every kind listed with its delivery outcome. */
@Path("/api/v1/communities/{communityId}/reminders")
@Tag(name = "reminders (staff)", description = "提醒：自定义提醒（一次或重复）、投票截止与会议提醒的送达情况")
@Produces(MediaType.APPLICATION_JSON)
public class StaffReminderResource {

    /** Leads as ISO-8601 durations before the poll's close or the meeting's start, e.g. ["PT24H", "PT2H"]. */
    public record Leads(@NotNull @Size(min = 1, max = 5) List<@NotNull Duration> leads) {
    }

    private final ReminderService reminders;
    private final CurrentCaller caller;

    StaffReminderResource(ReminderService reminders, CurrentCaller caller) {
        this.reminders = reminders;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Create a custom reminder: once (fireAt) or on a five-field cron schedule (cron)")
    public Uni<Response> create(@PathParam("communityId") long communityId, @Valid @NotNull ReminderDraft draft) {
        return reminders.create(communityId, reach(communityId), draft).map(v -> Response
                .created(URI.create("/api/v1/communities/" + communityId + "/reminders/" + v.id())).entity(v).build());
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Reminders of the community (a grid worker's or building leader's own), newest first, each"
            + " with its latest occurrence")
    public Uni<List<ReminderView>> list(@PathParam("communityId") long communityId,
                                        @QueryParam("status") @Pattern(regexp = "ACTIVE|CANCELLED|DONE") String status) {
        return reminders.list(communityId, reach(communityId), status);
    }

    @GET
    @Path("/{reminderId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "A reminder with its occurrences and what the push engine made of each")
    public Uni<ReminderView> get(@PathParam("communityId") long communityId, @PathParam("reminderId") long reminderId) {
        return reminders.view(communityId, reminderId, reach(communityId));
    }

    @POST
    @Path("/{reminderId}/cancel")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    @Operation(summary = "Cancel a reminder and its occurrences not yet fired")
    public Uni<ReminderView> cancel(@PathParam("communityId") long communityId,
                                    @PathParam("reminderId") long reminderId) {
        return reminders.cancel(communityId, reminderId, reach(communityId));
    }

    @PUT
    @Path("/{reminderId}/leads")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    @Operation(summary = "Change how long before a poll's close (or a meeting's start) its reminders fire")
    public Uni<ReminderView> leads(@PathParam("communityId") long communityId,
                                   @PathParam("reminderId") long reminderId, @Valid @NotNull Leads leads) {
        return reminders.changeLeads(communityId, reminderId, reach(communityId), leads.leads());
    }

    private Reach reach(long communityId) {
        return caller.reachIn(communityId);
    }
}
