package org.linli.community;

import java.util.Set;
import org.linli.common.Problem;
import org.linli.identity.Access;
import io.quarkus.security.PermissionsAllowed;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.identity.StaffService;

import java.util.List;

@Path("/api/v1/communities")
@Tag(name = "community", description = "社区、网格、楼栋与工作人员")
public class CommunityResource {

    private final CommunityService communities;
    private final StaffService staff;
    private final CurrentCaller caller;

    CommunityResource(CommunityService communities, StaffService staff, CurrentCaller caller) {
        this.communities = communities;
        this.staff = staff;
        this.caller = caller;
    }

    public record NewCommunity(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{2,32}") String code,
                               @NotBlank @Size(max = 100) String name,
                               @Pattern(regexp = "URBAN|RURAL") String kind) {
    }

    public record CommunityView(long id, String code, String name, String kind) {
        static CommunityView of(Community c) {
            return new CommunityView(c.id, c.code, c.name, c.kind);
        }
    }

    public record NewGrid(@NotBlank @Size(max = 64) String name, Long workerStaffId) {
    }

    public record GridView(long id, String name, Long workerStaffId) {
        static GridView of(Grid g) {
            return new GridView(g.id, g.name, g.workerStaffId);
        }
    }

    public record BuildingView(long id, String name, Long gridId) {
        static BuildingView of(Building b) {
            return new BuildingView(b.id, b.name, b.gridId);
        }
    }

    public record GridAssignment(Long gridId) {
    }

    public record NewStaff(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,64}") String username,
                           @NotBlank @Size(max = 64) String displayName,
                           @NotBlank @Size(min = 8, max = 128) String password,
                           @NotNull Role role, Long gridId, Long buildingId) {
    }

    public record StaffView(long id, String username, String displayName) {
    }

    @POST
    @RolesAllowed(Access.PLATFORM_ADMIN)
    public Uni<Response> create(@Valid NewCommunity request) {
        return communities.create(request.code(), request.name(), request.kind())
                .map(c -> Response.status(201).entity(CommunityView.of(c)).build());
    }

    @GET
    @RolesAllowed(Access.STAFF)
    public Uni<List<CommunityView>> list() {
        return communities.visibleTo(caller.requireStaff())
                .map(list -> list.stream().map(CommunityView::of).toList());
    }

    @GET
    @Path("/{communityId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<CommunityService.Summary> get(@PathParam("communityId") long communityId) {
        return communities.summary(communityId);
    }

    @GET
    @Path("/{communityId}/grids")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<GridView>> grids(@PathParam("communityId") long communityId) {
        return communities.grids(communityId).map(list -> list.stream().map(GridView::of).toList());
    }

    @POST
    @Path("/{communityId}/grids")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> addGrid(@PathParam("communityId") long communityId, @Valid NewGrid request) {
        return communities.addGrid(communityId, request.name(), request.workerStaffId())
                .map(g -> Response.status(201).entity(GridView.of(g)).build());
    }

    @GET
    @Path("/{communityId}/buildings")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<BuildingView>> buildings(@PathParam("communityId") long communityId) {
        return communities.buildings(communityId).map(list -> list.stream().map(BuildingView::of).toList());
    }

    @PUT
    @Path("/{communityId}/buildings/{buildingId}/grid")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<BuildingView> assignGrid(@PathParam("communityId") long communityId,
                                        @PathParam("buildingId") long buildingId, GridAssignment request) {
        return communities.assignBuilding(communityId, buildingId, request == null ? null : request.gridId())
                .map(BuildingView::of);
    }

    @GET
    @Path("/{communityId}/staff")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<List<StaffView>> staff(@PathParam("communityId") long communityId) {
        return staff.inCommunity(communityId)
                .map(list -> list.stream().map(s -> new StaffView(s.id, s.username, s.displayName)).toList());
    }

    @POST
    @Path("/{communityId}/staff")
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> addStaff(@PathParam("communityId") long communityId, @Valid NewStaff request) {
        if (request.role() == Role.ADMIN && !caller.require().holds(communityId, Set.of(Role.ADMIN))) {
            throw Problem.forbidden("FORBIDDEN"); // only an ADMIN makes another ADMIN
        }
        Grant grant = new Grant(request.role(), communityId, request.gridId(), request.buildingId());
        return communities.find(communityId)
                .chain(() -> communities.checkGrant(grant))
                .chain(() -> staff.create(new StaffService.NewStaff(request.username(), request.displayName(),
                        request.password(), List.of(grant))))
                .map(s -> Response.status(201).entity(new StaffView(s.id, s.username, s.displayName)).build());
    }
}
