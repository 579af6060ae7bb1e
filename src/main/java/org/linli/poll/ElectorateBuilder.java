package org.linli.poll;

import org.linli.community.ElectorateRoster.RosterHousehold;
import org.linli.community.ElectorateRoster.RosterMember;
import org.linli.community.MembershipRole;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the roster of a scope into the units that each cast one ballot.
 * <ul>
 * <li>RESIDENTS: every verified member, once, however many households they belong to.</li>
 * <li>HOUSEHOLDS: every household; its verified members may cast its ballot, its named 户代表 marked.</li>
 * <li>OWNERS (司法解释 art. 9): one exclusive unit is one head, but one owner of several units is one head with all
 * their area, and co-owners of one unit share one ballot. So heads are the connected groups of owners and the
 * households they own together. The developer's unsold units together are one head. A household with no verified
 * owner still counts in the denominators as its own head; only a paper ballot can be entered for it.</li>
 * </ul>
 */
final class ElectorateBuilder {

    record Unit(String key, String kind, String label, BigDecimal area, String areaSources,
                List<RosterHousehold> households, Map<Long, Boolean> voters) {
    }

    private ElectorateBuilder() {
    }

    static List<Unit> build(Base base, List<RosterHousehold> households, List<RosterMember> members) {
        return switch (base) {
            case RESIDENTS -> residents(households, members);
            case HOUSEHOLDS -> households(households, members);
            case OWNERS -> owners(households, members);
        };
    }

    private static List<Unit> residents(List<RosterHousehold> households, List<RosterMember> members) {
        Map<Long, RosterHousehold> byId = index(households);
        Map<Long, List<RosterHousehold>> of = new LinkedHashMap<>();
        for (RosterMember m : members) {
            of.computeIfAbsent(m.residentId(), r -> new ArrayList<>()).add(byId.get(m.householdId()));
        }
        List<Unit> units = new ArrayList<>();
        of.forEach((resident, hs) -> units.add(new Unit("r:" + resident, "RESIDENT", label(hs),
                BigDecimal.ZERO.setScale(2), sources(hs), hs, Map.of(resident, false))));
        return units;
    }

    private static List<Unit> households(List<RosterHousehold> households, List<RosterMember> members) {
        Map<Long, Map<Long, Boolean>> voters = new HashMap<>();
        Map<Long, RosterHousehold> byId = index(households);
        for (RosterMember m : members) {
            RosterHousehold h = byId.get(m.householdId());
            voters.computeIfAbsent(h.id(), x -> new LinkedHashMap<>())
                    .put(m.residentId(), h.representativeId() != null && h.representativeId() == m.residentId());
        }
        return households.stream().map(h -> new Unit("h:" + h.id(), "HOUSEHOLD", h.address(), h.area(),
                h.areaSource(), List.of(h), voters.getOrDefault(h.id(), Map.of()))).toList();
    }

    private static List<Unit> owners(List<RosterHousehold> households, List<RosterMember> members) {
        Map<Long, RosterHousehold> byId = index(households);
        List<RosterHousehold> developer = households.stream().filter(RosterHousehold::developerHeld).toList();
        // Union-find over households: two households owned (in part) by one person are one head.
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Long> firstOfOwner = new HashMap<>();
        Map<Long, Set<Long>> ownersOf = new HashMap<>();
        for (RosterMember m : members) {
            RosterHousehold h = byId.get(m.householdId());
            if (h.developerHeld() || (m.role() != MembershipRole.OWNER && m.role() != MembershipRole.CO_OWNER)) {
                continue;
            }
            parent.putIfAbsent(h.id(), h.id());
            ownersOf.computeIfAbsent(h.id(), x -> new TreeSet<>()).add(m.residentId());
            Long earlier = firstOfOwner.putIfAbsent(m.residentId(), h.id());
            if (earlier != null) {
                union(parent, earlier, h.id());
            }
        }
        Map<Long, List<RosterHousehold>> groups = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        for (RosterHousehold h : households) {
            if (h.developerHeld()) {
                continue;
            }
            if (!parent.containsKey(h.id())) {
                units.add(new Unit("u:" + h.id(), "UNREGISTERED", h.address(), h.area(), h.areaSource(), List.of(h),
                        Map.of()));
                continue;
            }
            groups.computeIfAbsent(find(parent, h.id()), x -> new ArrayList<>()).add(h);
        }
        for (List<RosterHousehold> group : groups.values()) {
            Map<Long, Boolean> voters = new LinkedHashMap<>();
            group.forEach(h -> ownersOf.get(h.id()).forEach(r -> voters.put(r, false)));
            long key = voters.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            units.add(new Unit("o:" + key, "OWNER", label(group), area(group), sources(group), group, voters));
        }
        if (!developer.isEmpty()) {
            units.add(new Unit("dev", "DEVELOPER", "开发商未售房屋（" + developer.size() + " 套）", area(developer),
                    sources(developer), developer, Map.of()));
        }
        return units;
    }

    private static Map<Long, RosterHousehold> index(List<RosterHousehold> households) {
        Map<Long, RosterHousehold> byId = new HashMap<>();
        households.forEach(h -> byId.put(h.id(), h));
        return byId;
    }

    private static long find(Map<Long, Long> parent, long x) {
        long root = x;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        while (parent.get(x) != root) {
            long next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = find(parent, a);
        long rb = find(parent, b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    private static BigDecimal area(List<RosterHousehold> hs) {
        return hs.stream().map(RosterHousehold::area).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static String sources(List<RosterHousehold> hs) {
        return String.join("+", new TreeSet<>(hs.stream().map(RosterHousehold::areaSource).toList()));
    }

    private static String label(List<RosterHousehold> hs) {
        String joined = String.join("、", hs.stream().map(RosterHousehold::address).toList());
        return joined.length() > 200 ? joined.substring(0, 197) + "…" : joined;
    }
}
