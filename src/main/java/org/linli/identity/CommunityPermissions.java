package org.linli.identity;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.Set;

/** The community-scoped permissions of {@link Access}, read from the caller's grants as re-read for this request. */
@ApplicationScoped
public class CommunityPermissions {

    private static final Set<Role> ANY = EnumSet.allOf(Role.class);
    private static final Set<Role> MANAGE = EnumSet.of(Role.ADMIN, Role.COMMITTEE);
    private static final Set<Role> INVITE = EnumSet.of(Role.ADMIN, Role.COMMITTEE, Role.BUILDING_LEADER);

    @PermissionChecker(Access.COMMUNITY_STAFF)
    boolean staff(SecurityIdentity identity, long communityId) {
        return holds(identity, communityId, ANY);
    }

    @PermissionChecker(Access.COMMUNITY_MANAGE)
    boolean manage(SecurityIdentity identity, long communityId) {
        return holds(identity, communityId, MANAGE);
    }

    @PermissionChecker(Access.COMMUNITY_INVITE)
    boolean invite(SecurityIdentity identity, long communityId) {
        return holds(identity, communityId, INVITE);
    }

    private static boolean holds(SecurityIdentity identity, long communityId, Set<Role> roles) {
        Caller caller = SessionIdentities.caller(identity);
        return caller != null && caller.isStaff() && caller.holds(communityId, roles);
    }
}
