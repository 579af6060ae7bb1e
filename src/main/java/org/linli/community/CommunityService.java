package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.identity.StaffService;

import java.util.List;

/** Communities and their grids and buildings. Access checks happen in the resources. */
@ApplicationScoped
public class CommunityService {

    private final StaffService staff;

    CommunityService(StaffService staff) {
        this.staff = staff;
    }

    public record Summary(long id, String code, String name, String kind, long grids, long buildings,
                          long households, long verifiedResidents) {
    }

    public Uni<Community> create(String code, String name, String kind) {
        return Panache.withTransaction(() -> Community.count("code", code).chain(taken -> {
            if (taken > 0) {
                return Uni.createFrom().failure(Problem.conflict("COMMUNITY_CODE_TAKEN", code));
            }
            Community c = new Community();
            c.code = code;
            c.name = name;
            c.kind = kind == null ? "URBAN" : kind;
            return c.persist();
        }));
    }

    /** The communities the caller may see: all for the platform admin, else those of their roles. */
    public Uni<List<Community>> visibleTo(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return Panache.withSession(() -> Community.listAll());
        }
        List<Long> ids = caller.grants().stream().map(g -> g.communityId()).distinct().toList();
        return Panache.withSession(() -> Community.list("id in ?1 order by id", ids));
    }

    public Uni<Community> find(long communityId) {
        return Panache.withSession(() -> Community.<Community>findById(communityId))
                .onItem().ifNull().failWith(() -> Problem.notFound("COMMUNITY_NOT_FOUND"));
    }

    /** The community with this public code, or COMMUNITY_NOT_FOUND. */
    public Uni<Community> byCode(String code) {
        return Panache.withSession(() -> Community.<Community>find("code", code).firstResult())
                .onItem().ifNull().failWith(() -> Problem.notFound("COMMUNITY_NOT_FOUND"));
    }

    /** 404 COMMUNITY_NOT_FOUND for an unknown code (the public 公示 board is addressed by it). */
    public Uni<Summary> summaryByCode(String code) {
        return byCode(code).chain(c -> summary(c.id));
    }

    public Uni<Summary> summary(long communityId) {
        return find(communityId).chain(c -> Panache.withSession(() -> Grid.count("communityId", communityId)
                .chain(grids -> Building.count("communityId", communityId)
                .chain(buildings -> Household.count("communityId", communityId)
                .chain(households -> Membership.count(
                                "select count(distinct m.residentId) from Membership m where m.communityId = ?1 and m.status = ?2",
                                communityId, MembershipStatus.VERIFIED)
                .map(verified -> new Summary(c.id, c.code, c.name, c.kind, grids, buildings, households, verified)))))));
    }

    /** A new grid; its worker, if named, must hold the GRID_WORKER role in this community (else 400). */
    public Uni<Grid> addGrid(long communityId, String name, Long workerStaffId) {
        return Panache.withTransaction(() -> (workerStaffId == null ? Uni.createFrom().item(true)
                        : staff.holdsRole(workerStaffId, communityId, Role.GRID_WORKER))
                .invoke(workerOk -> {
                    if (!workerOk) {
                        throw Problem.badRequest("GRID_WORKER_INVALID");
                    }
                })
                .chain(() -> Grid.count("communityId = ?1 and name = ?2", communityId, name))
                .chain(taken -> {
                    if (taken > 0) {
                        return Uni.createFrom().failure(Problem.conflict("GRID_NAME_TAKEN", name));
                    }
                    Grid g = new Grid();
                    g.communityId = communityId;
                    g.name = name;
                    g.workerStaffId = workerStaffId;
                    return g.persist();
                }));
    }

    /**
     * A staff grant's narrowing must name a grid (for a grid worker) or a building (for a building leader) of this
     * community; any other role takes neither. 400 otherwise, before anything is written.
     */
    public Uni<Void> checkGrant(Grant grant) {
        boolean gridAllowed = grant.role() == Role.GRID_WORKER;
        boolean buildingAllowed = grant.role() == Role.BUILDING_LEADER;
        if ((grant.gridId() != null && !gridAllowed) || (grant.buildingId() != null && !buildingAllowed)) {
            return Uni.createFrom().failure(Problem.badRequest("STAFF_GRANT_NARROWING_MISMATCH", grant.role()));
        }
        return Panache.withSession(() -> inCommunity(Grid.class, grant.gridId(), grant.communityId())
                .chain(gridOk -> inCommunity(Building.class, grant.buildingId(), grant.communityId())
                        .invoke(buildingOk -> {
                            if (!gridOk || !buildingOk) {
                                throw Problem.badRequest("STAFF_GRANT_TARGET_UNKNOWN");
                            }
                        })))
                .replaceWithVoid();
    }

    private static Uni<Boolean> inCommunity(Class<?> entity, Long id, long communityId) {
        if (id == null) {
            return Uni.createFrom().item(true);
        }
        String query = "select count(*) from " + entity.getSimpleName() + " e where e.id = ?1 and e.communityId = ?2";
        return Panache.getSession().chain(s -> s.createSelectionQuery(query, Long.class)
                .setParameter(1, id).setParameter(2, communityId).getSingleResult()).map(n -> n > 0);
    }

    public Uni<List<Grid>> grids(long communityId) {
        return Panache.withSession(() -> Grid.list("communityId = ?1 order by id", communityId));
    }

    public Uni<List<Building>> buildings(long communityId) {
        return Panache.withSession(() -> Building.list("communityId = ?1 order by name", communityId));
    }

    /** Assigns a building to a grid of the same community. */
    public Uni<Building> assignBuilding(long communityId, long buildingId, Long gridId) {
        return Panache.withTransaction(() -> Building.<Building>find("id = ?1 and communityId = ?2", buildingId, communityId)
                .firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("NOT_FOUND"))
                .chain(b -> (gridId == null ? Uni.createFrom().item(1L)
                        : Grid.count("id = ?1 and communityId = ?2", gridId, communityId))
                        .chain(found -> {
                            if (found == 0) {
                                return Uni.createFrom().failure(Problem.notFound("NOT_FOUND"));
                            }
                            b.gridId = gridId;
                            return Uni.createFrom().item(b);
                        })));
    }

    // --- for thread routing (org.linli.thread) ----------------------------------------------------------------

    /** Where a matter is: its building, that building's grid and whose queue the grid's matters go to. */
    public record Place(Long buildingId, Long gridId, Long gridWorkerStaffId) {
        public static final Place NOWHERE = new Place(null, null, null);
    }

    /**
     * The place of a household (or a building) of this community: building → grid → the grid's 网格员 (the grid's
     * worker, else the first staff member with a GRID_WORKER grant for it). Unknown ids give {@link Place#NOWHERE}.
     */
    public Uni<Place> placeOf(long communityId, Long householdId, Long buildingId) {
        return Panache.withSession(() -> buildingOf(communityId, householdId, buildingId).chain(b -> {
            if (b == null) {
                return Uni.createFrom().item(Place.NOWHERE);
            }
            if (b.gridId == null) {
                return Uni.createFrom().item(new Place(b.id, null, null));
            }
            return Grid.<Grid>findById(b.gridId).chain(g -> g != null && g.workerStaffId != null
                    ? Uni.createFrom().item(g.workerStaffId)
                    : staff.firstGridWorker(communityId, b.gridId))
                    .map(worker -> new Place(b.id, b.gridId, worker));
        }));
    }

    private static Uni<Building> buildingOf(long communityId, Long householdId, Long buildingId) {
        if (buildingId != null) {
            return Building.find("id = ?1 and communityId = ?2", buildingId, communityId).firstResult();
        }
        if (householdId == null) {
            return Uni.createFrom().nullItem();
        }
        return Building.find("select b from Building b, BuildingUnit u, Household h where h.id = ?1"
                + " and h.communityId = ?2 and u.id = h.unitId and b.id = u.buildingId", householdId, communityId)
                .firstResult();
    }

    /** Building names of a community by id (for thread views). */
    public Uni<java.util.Map<Long, String>> buildingNames(long communityId) {
        return buildings(communityId).map(list -> list.stream()
                .collect(java.util.stream.Collectors.toMap(b -> b.id, b -> b.name)));
    }
}
