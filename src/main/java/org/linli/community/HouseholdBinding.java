package org.linli.community;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Binding a resident to a household, as the bot and the Mini-Program ({@code POST /api/v1/me/memberships}) use it.
 * Implemented by the roster feature; until then no bean exists and the bot says the service is not available.
 */
public interface HouseholdBinding {

    /**
     * Redeems an invite code: a membership of the code's household in the given role, PENDING until staff verify
     * it (or VERIFIED when the roster already vouches for the resident). Records the display name.
     * Fails with a {@link org.linli.common.Problem} coded INVITE_INVALID, INVITE_USED, INVITE_EXPIRED or
     * ALREADY_MEMBER.
     */
    Uni<Binding> redeem(long residentId, String code, MembershipRole role, String displayName);

    /** Every membership of the resident (any status), newest first. */
    Uni<List<Binding>> membershipsOf(long residentId);

    /** A membership with the address it stands for, e.g. 幸福里社区 3号楼 2单元 301. */
    record Binding(long membershipId, long communityId, String communityName, long householdId, String building,
                   String unit, String room, MembershipRole role, MembershipStatus status) {

        public boolean isVerified() {
            return status == MembershipStatus.VERIFIED;
        }

        public boolean isPending() {
            return status == MembershipStatus.PENDING;
        }
    }
}
