package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The roster as other features need it (polls, meetings, notices), read in the caller's Panache session (so inside
 * its transaction): the households in a scope with their address, area, area source, named representative and
 * developer flag, and their VERIFIED members. Scope kinds are COMMUNITY, GRIDS, BUILDINGS, UNITS and HOUSEHOLDS.
 * One SQL statement per method; id lists travel as one array parameter, so a 20,000-household scope is one bind.
 */
@ApplicationScoped
public class ElectorateRoster {

    public record Target(long id, Long buildingId, Long gridId) {
    }

    public record RosterHousehold(long id, long buildingId, Long gridId, String address, BigDecimal area,
                                  String areaSource, Long representativeId, boolean developerHeld, String building,
                                  String unit, String room) {
    }

    public record RosterMember(long householdId, long residentId, MembershipRole role) {
    }

    private static final String ADDRESS = " from household h join building_unit u on u.id = h.unit_id"
            + " join building b on b.id = u.building_id";
    private static final String IN_IDS = " = any(cast(string_to_array(:ids, ',') as bigint[]))";

    /** Each chosen id as (id, building, grid), only those of this community; grids have no building. */
    public Uni<List<Target>> targets(long communityId, String kind, Collection<Long> ids) {
        String sql = switch (kind) {
            case "GRIDS" -> "select g.id, null, g.id from grid g where g.community_id = :community and g.id" + IN_IDS;
            case "BUILDINGS" -> "select b.id, b.id, b.grid_id from building b where b.community_id = :community"
                    + " and b.id" + IN_IDS;
            case "UNITS" -> "select u.id, b.id, b.grid_id from building_unit u join building b on b.id = u.building_id"
                    + " where u.community_id = :community and u.id" + IN_IDS;
            case "HOUSEHOLDS" -> "select h.id, b.id, b.grid_id" + ADDRESS
                    + " where h.community_id = :community and h.id" + IN_IDS;
            default -> throw Problem.badRequest("POLL_SCOPE_INVALID");
        };
        return rows(sql, communityId, ids).map(rows -> rows.stream()
                .map(r -> new Target(id(r[0]), r[1] == null ? null : id(r[1]), r[2] == null ? null : id(r[2])))
                .toList());
    }

    /** The households in scope, in address order. */
    public Uni<List<RosterHousehold>> households(long communityId, String kind, Collection<Long> ids) {
        return rows("select h.id, b.id, b.grid_id, b.name || '/' || u.name || '/' || h.room, h.floor_area,"
                + " h.area_source, h.representative_resident_id, h.developer_held, b.name, u.name, h.room" + ADDRESS
                + " where h.community_id = :community and " + condition(kind)
                + " order by length(b.name), b.name, length(u.name), u.name, length(h.room), h.room, h.id",
                communityId, ids)
                .map(rows -> rows.stream().map(r -> new RosterHousehold(id(r[0]), id(r[1]),
                        r[2] == null ? null : id(r[2]), (String) r[3], (BigDecimal) r[4], (String) r[5],
                        r[6] == null ? null : id(r[6]), (Boolean) r[7], (String) r[8], (String) r[9],
                        (String) r[10])).toList());
    }

    /** VERIFIED memberships of the households in scope. */
    public Uni<List<RosterMember>> members(long communityId, String kind, Collection<Long> ids) {
        return rows("select m.household_id, m.resident_id, m.role from membership m join household h"
                + " on h.id = m.household_id join building_unit u on u.id = h.unit_id join building b"
                + " on b.id = u.building_id where m.community_id = :community and m.status = 'VERIFIED' and "
                + condition(kind) + " order by m.household_id, m.id", communityId, ids)
                .map(rows -> rows.stream().map(r -> new RosterMember(id(r[0]), id(r[1]),
                        MembershipRole.valueOf((String) r[2]))).toList());
    }

    /** Residents with a VERIFIED membership in one of these households, each once, by id. */
    public Uni<List<Long>> verifiedResidents(Collection<Long> householdIds) {
        return ids("select distinct m.resident_id from membership m where m.status = 'VERIFIED' and m.household_id"
                + IN_IDS + " order by m.resident_id", "ids", join(householdIds));
    }

    /** The households a resident holds a VERIFIED membership in, in any community. */
    public Uni<List<Long>> verifiedHouseholdsOf(long residentId) {
        return ids("select m.household_id from membership m where m.status = 'VERIFIED'"
                + " and m.resident_id = cast(:resident as bigint) order by m.household_id", "resident", residentId);
    }

    /** VERIFIED members of these households (any role), by household; households without any are absent. */
    public Uni<Map<Long, List<Long>>> verifiedMembers(Collection<Long> householdIds) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select m.household_id, m.resident_id"
                                + " from membership m where m.status = 'VERIFIED' and m.household_id" + IN_IDS
                                + " order by m.household_id, m.resident_id", Object[].class)
                        .setParameter("ids", join(householdIds)).getResultList())
                .map(rows -> {
                    Map<Long, List<Long>> members = new LinkedHashMap<>();
                    rows.forEach(r -> members.computeIfAbsent(id(r[0]), h -> new ArrayList<>()).add(id(r[1])));
                    return members;
                });
    }

    /** VERIFIED memberships of one resident in this community (for adding a late-verified voter). */
    public Uni<List<RosterMember>> membershipsOf(long communityId, long residentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select m.household_id, m.resident_id, m.role"
                                + " from membership m where m.community_id = :community and m.resident_id = :resident"
                                + " and m.status = 'VERIFIED' order by m.id", Object[].class)
                        .setParameter("community", communityId).setParameter("resident", residentId).getResultList())
                .map(rows -> rows.stream().map(r -> new RosterMember(id(r[0]), id(r[1]),
                        MembershipRole.valueOf((String) r[2]))).toList());
    }

    /** Names (or clears) a household's representative (户代表); the resident must be a VERIFIED member of it. */
    public Uni<Void> nameRepresentative(long communityId, long householdId, Long residentId) {
        String check = residentId == null ? "true" : "exists (select 1 from membership m where m.household_id = h.id"
                + " and m.resident_id = :resident and m.status = 'VERIFIED')";
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> {
            var q = s.createNativeQuery("update household h set representative_resident_id = :resident"
                    + " where h.id = :household and h.community_id = :community and " + check);
            q.setParameter("resident", residentId).setParameter("household", householdId)
                    .setParameter("community", communityId);
            return q.executeUpdate();
        })).invoke(n -> {
            if (n == 0) {
                throw Problem.badRequest("HOUSEHOLD_REPRESENTATIVE_INVALID");
            }
        }).replaceWithVoid();
    }

    /** Marks households as the developer's unsold units (or sold again). */
    public Uni<Integer> markDeveloperHeld(long communityId, Collection<Long> householdIds, boolean held) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update household set developer_held = :held where community_id = :community and id in (:ids)")
                .setParameter("held", held).setParameter("community", communityId).setParameter("ids", householdIds)
                .executeUpdate()));
    }

    private static String condition(String kind) {
        return switch (kind) {
            case "COMMUNITY" -> "true";
            case "GRIDS" -> "b.grid_id" + IN_IDS;
            case "BUILDINGS" -> "b.id" + IN_IDS;
            case "UNITS" -> "u.id" + IN_IDS;
            case "HOUSEHOLDS" -> "h.id" + IN_IDS;
            default -> throw Problem.badRequest("POLL_SCOPE_INVALID");
        };
    }

    private static Uni<List<Object[]>> rows(String sql, long communityId, Collection<Long> ids) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("community", communityId);
            if (sql.contains(":ids")) {
                q.setParameter("ids", join(ids));
            }
            return q.getResultList();
        });
    }

    private static Uni<List<Long>> ids(String sql, String param, Object value) {
        return NativeSql.of(sql).param(param, value).column().map(rows -> rows.stream().map(NativeSql::id).toList());
    }

    private static String join(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }
}
