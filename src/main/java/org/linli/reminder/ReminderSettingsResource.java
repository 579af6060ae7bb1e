package org.linli.reminder;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

/** 提醒设置: a resident's muted kinds, quiet hours and daily digest. */
@Path("/api/v1/me/reminder-settings")
@Tag(name = "reminders (resident)", description = "提醒设置：静音、免打扰时段、每日汇总")
@Produces(MediaType.APPLICATION_JSON)
public class ReminderSettingsResource {

    private final ReminderSettings settings;
    private final CurrentCaller caller;

    ReminderSettingsResource(ReminderSettings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "My reminder settings (defaults until I change them)")
    public Uni<ReminderSettings.Settings> get() {
        return settings.of(caller.requireResident());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "Replace my reminder settings")
    public Uni<ReminderSettings.Settings> put(@NotNull ReminderSettings.Settings wanted) {
        return settings.change(caller.requireResident(), wanted);
    }
}
