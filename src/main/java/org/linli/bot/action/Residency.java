package org.linli.bot.action;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.CommunityService;
import org.linli.community.InviteService;
import org.linli.community.MembershipRole;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;
import org.linli.identity.MpResidents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the person behind an openid is for the bot: their resident id and households, through the identity and
 * community services (the same ones the Mini-Program's /api/v1/me calls).
 */
@ApplicationScoped
public class Residency {

    private final MpResidents residents;
    private final MembershipService memberships;
    private final InviteService invites;
    private final CommunityService communities;

    Residency(MpResidents residents, MembershipService memberships, InviteService invites,
              CommunityService communities) {
        this.residents = residents;
        this.memberships = memberships;
        this.invites = invites;
        this.communities = communities;
    }

    /** A household the resident holds or claims, with the names a reply shows. */
    public record Home(long membershipId, long communityId, String communityName, long householdId, String building,
                       String unit, String room, MembershipRole role, MembershipStatus status) {

        public boolean isVerified() {
            return status == MembershipStatus.VERIFIED;
        }

        public boolean isPending() {
            return status == MembershipStatus.PENDING;
        }
    }

    /** The resident and their memberships (all but revoked ones); no resident row is created for the openid. */
    public Uni<Standing> of(String openid) {
        return residents.idOf(openid).chain(id -> id == null
                ? Uni.createFrom().item(new Standing(null, List.of()))
                : memberships.me(id).chain(me -> homes(me.memberships()).map(homes -> new Standing(id, homes))));
    }

    /**
     * Redeems an invite code for the openid's resident (created on first use) into a PENDING claim. Fails with
     * the community's problems: INVITE_INVALID, INVITE_USED, INVITE_REVOKED, INVITE_EXPIRED, ALREADY_MEMBER.
     */
    public Uni<Home> redeem(String openid, String code, MembershipRole role, String displayName) {
        return residents.ensure(openid)
                .chain(id -> invites.redeem(id, code, role, displayName))
                .chain(mine -> homes(List.of(mine)))
                .map(list -> list.get(0));
    }

    private Uni<List<Home>> homes(List<MembershipService.Mine> mine) {
        List<Long> communityIds = mine.stream().map(MembershipService.Mine::communityId).distinct().toList();
        return Multi.createFrom().iterable(communityIds)
                .onItem().transformToUniAndConcatenate(communities::find)
                .collect().asMap(c -> c.id, c -> c.name)
                .map(names -> mine.stream().map(m -> home(m, names)).toList());
    }

    private static Home home(MembershipService.Mine m, Map<Long, String> names) {
        return new Home(m.id(), m.communityId(), names.getOrDefault(m.communityId(), ""), m.householdId(),
                m.building(), m.unit(), m.room(), m.role(), m.status());
    }

    /** A resident's standing: none, pending or verified (a verified membership wins). */
    public record Standing(Long residentId, List<Home> homes) {

        public boolean verified() {
            return homes.stream().anyMatch(Home::isVerified);
        }

        public boolean pending() {
            return !verified() && homes.stream().anyMatch(Home::isPending);
        }

        /** The household the resident speaks for: the first verified one. */
        public Optional<Home> household() {
            return homes.stream().filter(Home::isVerified).findFirst();
        }
    }
}
