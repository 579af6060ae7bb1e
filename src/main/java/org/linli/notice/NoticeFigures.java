package org.linli.notice;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.community.ElectorateRoster;
import org.linli.identity.Reach;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read and acknowledgement figures of a notice, and the households nobody in which has read it. The notice's own
 * tables give the households in reach and the read receipts; the community feature gives their VERIFIED members
 * and addresses, as they are now.
 */
@ApplicationScoped
class NoticeFigures {

    private final StaffNotices notices;
    private final NoticeDelivery delivery;
    private final NoticeClock clock;
    private final ElectorateRoster roster;

    NoticeFigures(StaffNotices notices, NoticeDelivery delivery, NoticeClock clock, ElectorateRoster roster) {
        this.notices = notices;
        this.delivery = delivery;
        this.clock = clock;
        this.roster = roster;
    }

    /** The households in reach, their members, and who of those read (and acknowledged) the notice. */
    private record Readers(List<Long> households, Map<Long, List<Long>> members, Set<Long> read, Set<Long> acked) {

        boolean unread(long household) {
            return members.getOrDefault(household, List.of()).stream().noneMatch(read::contains);
        }

        long residents() {
            return members.values().stream().flatMap(List::stream).distinct().count();
        }

        long count(Set<Long> who) {
            return members.values().stream().flatMap(List::stream).distinct().filter(who::contains).count();
        }
    }

    /**
     * Figures over the households in the staff member's reach, the same ones the unread-households list shows.
     * Push delivery figures cover the whole notice, so only staff who reach the whole community get them.
     */
    Uni<NoticeStats> stats(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> notices.visible(communityId, noticeId, reach).chain(n -> readers(n, reach)
                .chain(readers -> (reach.whole() ? delivery.figures(n.id)
                        : Uni.createFrom().<NoticeDelivery.Figures>nullItem())
                        .map(pushed -> new NoticeStats(n.id, n.version, NoticeStatus.of(n, clock.now()),
                                readers.households().size(), readers.residents(), readers.count(readers.read()),
                                readers.count(readers.acked()),
                                readers.households().stream().filter(readers::unread).count(), pushed)))));
    }

    /**
     * Unread households in address order. Grid workers and building leaders get those of their grid or building
     * only: the list is for knocking on doors.
     */
    Uni<List<UnreadHousehold>> unreadHouseholds(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> notices.visible(communityId, noticeId, reach).chain(n -> readers(n, reach)
                .chain(readers -> {
                    List<Long> unread = readers.households().stream().filter(readers::unread).toList();
                    return unread.isEmpty() ? Uni.createFrom().item(List.<UnreadHousehold>of())
                            : roster.households(communityId, "HOUSEHOLDS", unread).map(found -> found.stream()
                            .map(h -> new UnreadHousehold(h.id(), h.building(), h.unit(), h.room(),
                                    readers.members().getOrDefault(h.id(), List.of()).size()))
                            .toList());
                })));
    }

    private Uni<Readers> readers(Notice n, Reach reach) {
        NativeSql inReach = NativeSql.of("select household_id from notice_household nh where nh.notice_id = :notice"
                + " and ");
        inReach.append(ReachSql.condition(reach, inReach)).append(" order by household_id").param("notice", n.id);
        return inReach.column().map(ids -> ids.stream().map(NativeSql::id).toList())
                .chain(households -> roster.verifiedMembers(households)
                        .chain(members -> NativeSql.of("select resident_id, acked_at is not null from notice_read"
                                        + " where notice_id = :notice").param("notice", n.id).rows()
                                .map(rows -> {
                                    Set<Long> read = new HashSet<>();
                                    Set<Long> acked = new HashSet<>();
                                    for (Object[] r : rows) {
                                        read.add(NativeSql.id(r[0]));
                                        if ((Boolean) r[1]) {
                                            acked.add(NativeSql.id(r[0]));
                                        }
                                    }
                                    return new Readers(households, members, read, acked);
                                })));
    }
}
