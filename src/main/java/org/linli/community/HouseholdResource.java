package org.linli.community;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;

@Path("/api/v1/communities/{communityId}/households")
@Tag(name = "households", description = "房屋（户）")
public class HouseholdResource {

    private final HouseholdService households;
    private final CurrentCaller caller;

    HouseholdResource(HouseholdService households, CurrentCaller caller) {
        this.households = households;
        this.caller = caller;
    }

    /** {@code building} is a building id from GET /communities/{id}/buildings. */
    @GET
    public Uni<Page<HouseholdView>> list(@PathParam("communityId") long communityId,
                                         @QueryParam("building") Long buildingId,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        caller.requireStaffIn(communityId);
        return households.list(communityId, buildingId, page, size);
    }
}
