package org.linli.identity;

/** A role held in a community, optionally narrowed to a grid or a building. */
public record Grant(Role role, Long communityId, Long gridId, Long buildingId) {

    public boolean isPlatformAdmin() {
        return role == Role.ADMIN && communityId == null;
    }
}
