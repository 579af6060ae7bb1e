package org.linli.community;

import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The households of one community a staff member may act on: all of them for ADMIN and COMMITTEE (and platform
 * admins), else those in the grids or buildings their narrower grants name.
 */
public record StaffScope(boolean whole, Set<Long> gridIds, Set<Long> buildingIds) {

    private static final Set<Role> WHOLE_COMMUNITY = Set.of(Role.ADMIN, Role.COMMITTEE);

    /** {@code narrowRoles}: which of GRID_WORKER and BUILDING_LEADER count for this action. */
    public static StaffScope of(Caller caller, long communityId, Set<Role> narrowRoles) {
        if (caller.holds(communityId, WHOLE_COMMUNITY)) {
            return new StaffScope(true, Set.of(), Set.of());
        }
        var grants = caller.grants().stream()
                .filter(g -> g.communityId() != null && g.communityId() == communityId && narrowRoles.contains(g.role()))
                .toList();
        return new StaffScope(false,
                grants.stream().filter(g -> g.role() == Role.GRID_WORKER && g.gridId() != null)
                        .map(Grant::gridId).collect(Collectors.toSet()),
                grants.stream().filter(g -> g.role() == Role.BUILDING_LEADER && g.buildingId() != null)
                        .map(Grant::buildingId).collect(Collectors.toSet()));
    }

    /** Every role a console page or API call of the community may narrow: grid workers and building leaders. */
    public static StaffScope of(Caller caller, long communityId) {
        return of(caller, communityId, Set.of(Role.GRID_WORKER, Role.BUILDING_LEADER));
    }

    boolean covers(Building building) {
        return whole || buildingIds.contains(building.id)
                || (building.gridId != null && gridIds.contains(building.gridId));
    }
}
