package org.linli.identity;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one staff member may reach in one community: all of it for ADMIN and COMMITTEE (and the platform admin),
 * else the grids of their GRID_WORKER grants and the buildings of their BUILDING_LEADER grants.
 */
public record Reach(long staffId, boolean whole, Set<Long> gridIds, Set<Long> buildingIds) {

    private static final Set<Role> WHOLE_COMMUNITY = Set.of(Role.ADMIN, Role.COMMITTEE);
    private static final Set<Role> NARROW = Set.of(Role.GRID_WORKER, Role.BUILDING_LEADER);

    public static Reach of(Caller caller, long communityId) {
        return of(caller, communityId, NARROW);
    }

    /** {@code narrowRoles}: which of GRID_WORKER and BUILDING_LEADER count for the action at hand. */
    public static Reach of(Caller caller, long communityId, Set<Role> narrowRoles) {
        if (caller.holds(communityId, WHOLE_COMMUNITY)) {
            return new Reach(caller.id(), true, Set.of(), Set.of());
        }
        var mine = caller.grants().stream()
                .filter(g -> g.communityId() != null && g.communityId() == communityId && narrowRoles.contains(g.role()))
                .toList();
        return new Reach(caller.id(), false,
                mine.stream().filter(g -> g.role() == Role.GRID_WORKER && g.gridId() != null)
                        .map(Grant::gridId).collect(Collectors.toUnmodifiableSet()),
                mine.stream().filter(g -> g.role() == Role.BUILDING_LEADER && g.buildingId() != null)
                        .map(Grant::buildingId).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean coversGrid(long gridId) {
        return whole || gridIds.contains(gridId);
    }

    /** A building (and its grid, when it has one) is in reach. */
    public boolean coversBuilding(long buildingId, Long gridId) {
        return whole || buildingIds.contains(buildingId) || (gridId != null && gridIds.contains(gridId));
    }

    public boolean isEmpty() {
        return !whole && gridIds.isEmpty() && buildingIds.isEmpty();
    }
}
