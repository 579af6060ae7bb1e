package org.linli.poll;

import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a staff member may do with polls in one community: ADMIN and COMMITTEE (and the platform admin) everything;
 * a BUILDING_LEADER polls scoped to their buildings or units in them; a GRID_WORKER sees and serves (paper ballots,
 * turnout) polls wholly inside their grids.
 */
record PollReach(long staffId, boolean whole, Set<Long> buildingIds, Set<Long> gridIds) {

    private static final Set<Role> WHOLE = Set.of(Role.ADMIN, Role.COMMITTEE);

    static PollReach of(Caller caller, long communityId) {
        if (caller.holds(communityId, WHOLE)) {
            return new PollReach(caller.id(), true, Set.of(), Set.of());
        }
        List<Grant> mine = caller.grants().stream()
                .filter(g -> g.communityId() != null && g.communityId() == communityId).toList();
        return new PollReach(caller.id(), false,
                mine.stream().filter(g -> g.role() == Role.BUILDING_LEADER && g.buildingId() != null)
                        .map(Grant::buildingId).collect(Collectors.toSet()),
                mine.stream().filter(g -> g.role() == Role.GRID_WORKER && g.gridId() != null)
                        .map(Grant::gridId).collect(Collectors.toSet()));
    }

    /** Only building leaders (within their buildings) and the whole-community roles create and run polls. */
    boolean mayManage(PollTargets targets) {
        return whole || (targets.kind() != PollDraft.ScopeKind.COMMUNITY && targets.kind() != PollDraft.ScopeKind.GRIDS
                && !targets.buildings().isEmpty() && buildingIds.containsAll(targets.buildings()));
    }

    boolean maySee(PollTargets targets) {
        if (mayManage(targets)) {
            return true;
        }
        return targets.kind() != PollDraft.ScopeKind.COMMUNITY && !targets.grids().isEmpty()
                && !targets.grids().contains(null) && gridIds.containsAll(targets.grids());
    }

    /** The scope's buildings and grids, as resolved when the poll was written. */
    record PollTargets(PollDraft.ScopeKind kind, Set<Long> buildings, Set<Long> grids) {
    }
}
