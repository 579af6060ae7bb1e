package org.linli.notice;

import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of one community a staff member may address: all of it for ADMIN and COMMITTEE (and the platform
 * admin), else the grids of their GRID_WORKER grants and the buildings of their BUILDING_LEADER grants.
 */
record StaffReach(long staffId, boolean whole, Set<Long> gridIds, Set<Long> buildingIds) {

    private static final Set<Role> WHOLE_COMMUNITY = Set.of(Role.ADMIN, Role.COMMITTEE);

    static StaffReach of(Caller caller, long communityId) {
        if (caller.holds(communityId, WHOLE_COMMUNITY)) {
            return new StaffReach(caller.id(), true, Set.of(), Set.of());
        }
        List<Grant> mine = caller.grants().stream()
                .filter(g -> g.communityId() != null && g.communityId() == communityId).toList();
        return new StaffReach(caller.id(), false,
                mine.stream().filter(g -> g.role() == Role.GRID_WORKER && g.gridId() != null)
                        .map(Grant::gridId).collect(Collectors.toSet()),
                mine.stream().filter(g -> g.role() == Role.BUILDING_LEADER && g.buildingId() != null)
                        .map(Grant::buildingId).collect(Collectors.toSet()));
    }

    boolean coversGrid(long gridId) {
        return whole || gridIds.contains(gridId);
    }

    boolean coversBuilding(long buildingId, Long gridId) {
        return whole || buildingIds.contains(buildingId) || (gridId != null && gridIds.contains(gridId));
    }

    /** An SQL condition true for the buildings (alias {@code b}) in reach; binds its parameters into sql. */
    String condition(Sql sql) {
        if (whole) {
            return "true";
        }
        List<String> any = new ArrayList<>();
        if (!buildingIds.isEmpty()) {
            any.add("b.id in (:reachBuildings)");
            sql.param("reachBuildings", buildingIds);
        }
        if (!gridIds.isEmpty()) {
            any.add("b.grid_id in (:reachGrids)");
            sql.param("reachGrids", gridIds);
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }
}
