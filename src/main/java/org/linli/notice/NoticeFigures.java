package org.linli.notice;

import org.linli.common.NativeSql;
import org.linli.identity.Reach;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Read and acknowledgement figures of a notice, and the households nobody in which has read it. */
@ApplicationScoped
class NoticeFigures {

    /** Households (alias h, with its notice_household nh) none of whose VERIFIED residents has a read receipt. */
    private static final String UNREAD = "not exists (select 1 from membership m join notice_read r"
            + " on r.resident_id = m.resident_id and r.notice_id = nh.notice_id"
            + " where m.household_id = h.id and m.status = 'VERIFIED')";
    private static final String IN_NOTICE = " from notice_household nh join household h on h.id = nh.household_id"
            + " join building_unit u on u.id = h.unit_id join building b on b.id = u.building_id"
            + " where nh.notice_id = :notice";

    private final StaffNotices notices;
    private final NoticeDelivery delivery;
    private final NoticeClock clock;

    NoticeFigures(StaffNotices notices, NoticeDelivery delivery, NoticeClock clock) {
        this.notices = notices;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * Figures over the households in the staff member's reach, the same ones the unread-households list shows.
     * Push delivery figures cover the whole notice, so only staff who reach the whole community get them.
     */
    Uni<NoticeStats> stats(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> notices.visible(communityId, noticeId, reach).chain(n -> {
            NativeSql q = NativeSql.of("");
            String inReach = IN_NOTICE + " and " + ReachSql.condition(reach, q);
            String verified = "select m.resident_id" + inReach.replace(" where ", " join membership m"
                    + " on m.household_id = h.id where m.status = 'VERIFIED' and ");
            return q.append("select (select count(*)" + inReach + "),"
                            + " (select count(distinct v.resident_id) from (" + verified + ") v),"
                            + " (select count(*) from notice_read r where r.notice_id = :notice"
                            + "   and r.resident_id in (" + verified + ")),"
                            + " (select count(*) from notice_read r where r.notice_id = :notice"
                            + "   and r.acked_at is not null and r.resident_id in (" + verified + ")),"
                            + " (select count(*)" + inReach + " and " + UNREAD + ")")
                    .param("notice", n.id).rows()
                    .chain(rows -> (reach.whole() ? delivery.figures(n.id) : Uni.createFrom().<NoticeDelivery.Figures>nullItem())
                            .map(pushed -> {
                                Object[] row = rows.get(0);
                                return new NoticeStats(n.id, n.version, NoticeStatus.of(n, clock.now()), NativeSql.id(row[0]),
                                        NativeSql.id(row[1]), NativeSql.id(row[2]), NativeSql.id(row[3]), NativeSql.id(row[4]), pushed);
                            }));
        }));
    }

    /**
     * Unread households in address order. Grid workers and building leaders get those of their grid or building
     * only: the list is for knocking on doors.
     */
    Uni<List<UnreadHousehold>> unreadHouseholds(long communityId, long noticeId, Reach reach) {
        return Panache.withSession(() -> notices.visible(communityId, noticeId, reach).chain(n -> {
            NativeSql q = NativeSql.of("select h.id, b.name, u.name, h.room, (select count(distinct m.resident_id)"
                    + " from membership m where m.household_id = h.id and m.status = 'VERIFIED')" + IN_NOTICE
                    + " and " + UNREAD + " and ");
            return q.append(ReachSql.condition(reach, q))
                    .append(" order by length(b.name), b.name, length(u.name), u.name, length(h.room), h.room, h.id")
                    .param("notice", n.id).rows()
                    .map(rows -> rows.stream().map(row -> new UnreadHousehold(NativeSql.id(row[0]), (String) row[1],
                            (String) row[2], (String) row[3], NativeSql.id(row[4]))).toList());
        }));
    }
}
