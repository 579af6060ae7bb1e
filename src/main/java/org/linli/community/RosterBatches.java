package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.linli.common.Problem;
import org.linli.identity.Resident;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The households, owner slots and OWNER memberships a roster import creates, written with multi-row INSERTs of up
 * to {@link #CHUNK} rows on the import's session (so inside its transaction). Ids are drawn from the tables'
 * sequences first, so memberships can name the new households and residents without reading anything back.
 */
final class RosterBatches {

    static final int CHUNK = 1000;

    record Owner(Household household, Resident resident) {
    }

    final List<Household> households = new ArrayList<>();
    final List<Resident> residents = new ArrayList<>();
    final List<Owner> owners = new ArrayList<>();

    private final long communityId;
    private final long staffId;
    private final OffsetDateTime now;

    RosterBatches(long communityId, long staffId, OffsetDateTime now) {
        this.communityId = communityId;
        this.staffId = staffId;
        this.now = now;
    }

    Uni<Void> insert(BooleanSupplier abandoned) {
        return ids("household_id_seq", households.size()).invoke(ids -> assign(ids, households, (h, id) -> h.id = id))
                .chain(() -> ids("resident_id_seq", residents.size()))
                .invoke(ids -> assign(ids, residents, (r, id) -> r.id = id))
                .chain(() -> chunks(households, abandoned, "household (id, community_id, unit_id, room, floor_area,"
                        + " area_source, updated_at)", 7, h -> new Object[]{h.id, communityId, h.unitId, h.room,
                        h.floorArea, h.areaSource.name(), now}, "bigint, bigint, bigint, text, numeric, text, timestamptz"))
                .chain(() -> chunks(residents, abandoned, "resident (id, community_id, display_name, phone_masked,"
                        + " phone_hash)", 5, r -> new Object[]{r.id, communityId, r.displayName, r.phoneMasked,
                        r.phoneHash}, "bigint, bigint, text, text, text"))
                .chain(() -> chunks(owners, abandoned, "membership (community_id, household_id, resident_id, role,"
                        + " status, source, verified_by, verified_at)", 8, o -> new Object[]{communityId,
                        o.household().id, o.resident().id, MembershipRole.OWNER.name(), MembershipStatus.VERIFIED.name(),
                        MembershipSource.ROSTER.name(), staffId, now},
                        "bigint, bigint, bigint, text, text, text, bigint, timestamptz"));
    }

    private static Uni<List<Long>> ids(String sequence, int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select nextval('" + sequence + "') from generate_series(1, ?1)", Long.class)
                .setParameter(1, count).getResultList());
    }

    private static <T> void assign(List<Long> ids, List<T> rows, java.util.function.BiConsumer<T, Long> setter) {
        for (int i = 0; i < rows.size(); i++) {
            setter.accept(rows.get(i), ids.get(i));
        }
    }

    /** INSERT … VALUES (…), (…) of up to CHUNK rows at a time; every value is cast to its column's type. */
    private static <T> Uni<Void> chunks(List<T> rows, BooleanSupplier abandoned, String table, int columns,
                                        Function<T, Object[]> values, String types) {
        String[] casts = types.split(",\\s*");
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < rows.size(); start += CHUNK) {
            List<T> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
            chain = chain.chain(() -> {
                if (abandoned.getAsBoolean()) {
                    return Uni.createFrom().failure(new Problem(400, "ROSTER_ABORTED"));
                }
                StringBuilder sql = new StringBuilder("insert into ").append(table).append(" values ");
                List<Object> parameters = new ArrayList<>(chunk.size() * columns);
                for (int r = 0; r < chunk.size(); r++) {
                    sql.append(r == 0 ? "(" : ", (");
                    Object[] row = values.apply(chunk.get(r));
                    for (int c = 0; c < columns; c++) {
                        parameters.add(row[c]);
                        sql.append(c == 0 ? "" : ", ").append("cast(?").append(parameters.size())
                                .append(" as ").append(casts[c]).append(')');
                    }
                    sql.append(')');
                }
                return Panache.getSession().chain(s -> {
                    var query = s.createNativeQuery(sql.toString());
                    for (int i = 0; i < parameters.size(); i++) {
                        query.setParameter(i + 1, parameters.get(i));
                    }
                    return query.executeUpdate();
                }).replaceWithVoid();
            });
        }
        return chain;
    }
}
