package org.linli.identity;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, as established from a session token. Residents come from the Mini-Program, staff from the
 * console; the openid is never taken from the client.
 */
public record Caller(Kind kind, long id, String name, List<Grant> grants) {

    public enum Kind { RESIDENT, STAFF }

    public static Caller resident(long residentId) {
        return new Caller(Kind.RESIDENT, residentId, null, List.of());
    }

    public static Caller staff(long staffId, String name, List<Grant> grants) {
        return new Caller(Kind.STAFF, staffId, name, List.copyOf(grants));
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    public boolean isPlatformAdmin() {
        return grants.stream().anyMatch(Grant::isPlatformAdmin);
    }

    /** True when the caller holds any of the roles in that community (platform admins hold them all). */
    public boolean holds(long communityId, Set<Role> roles) {
        return isPlatformAdmin() || grants.stream()
                .anyMatch(g -> g.communityId() != null && g.communityId() == communityId && roles.contains(g.role()));
    }
}
