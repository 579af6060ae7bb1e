package org.linli.identity;

/**
 * The names endpoints declare their access with: roles for {@code @RolesAllowed}, community-scoped permissions for
 * {@code @PermissionsAllowed} (checked by {@link CommunityPermissions} against the endpoint's {@code communityId}).
 * Narrower rules (a grid worker's grids, a building leader's buildings) are the services' business, through
 * {@link Reach}.
 */
public final class Access {

    /** A resident logged in through the Mini-Program. */
    public static final String RESIDENT = "resident";
    /** Any staff account. */
    public static final String STAFF = "staff";
    /** The platform administrator (an ADMIN grant without a community). */
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** Any staff role in the community. */
    public static final String COMMUNITY_STAFF = "community:staff";
    /** ADMIN or COMMITTEE of the community. */
    public static final String COMMUNITY_MANAGE = "community:manage";
    /** ADMIN, COMMITTEE or BUILDING_LEADER of the community (invite codes; the leader within their buildings). */
    public static final String COMMUNITY_INVITE = "community:invite";

    private Access() {
    }
}
