package org.linli.console;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.CommunityService;
import org.linli.identity.StaffService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The display names of a community's grids and staff for console tables and pickers, kept {@link #FRESH} per
 * replica: the queue page is the console's busiest, and these names change rarely (a new staff member shows in the
 * pickers at most that much later).
 */
@ApplicationScoped
class StaffDirectory {

    static final Duration FRESH = Duration.ofSeconds(10);

    /** Grid and staff ids to names, in their stored order. */
    record Names(Map<Long, String> grids, Map<Long, String> staff) {
        String grid(Long id) {
            return id == null ? "" : grids.getOrDefault(id, "#" + id);
        }

        String staff(Long id) {
            return id == null ? "" : staff.getOrDefault(id, "#" + id);
        }
    }

    private record Kept(Names names, Instant until) {
    }

    private final CommunityService communities;
    private final StaffService staff;
    private final Clock clock;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    StaffDirectory(CommunityService communities, StaffService staff, Clock clock) {
        this.communities = communities;
        this.staff = staff;
        this.clock = clock;
    }

    Uni<Names> of(long communityId) {
        Instant now = clock.instant();
        Kept k = kept.get(communityId);
        if (k != null && now.isBefore(k.until()) && !now.isBefore(k.until().minus(FRESH))) {
            return Uni.createFrom().item(k.names());
        }
        return Panache.withSession(() -> communities.grids(communityId).chain(grids -> staff.inCommunity(communityId)
                .map(members -> {
            Map<Long, String> g = new LinkedHashMap<>();
            grids.forEach(x -> g.put(x.id, x.name));
            Map<Long, String> s = new LinkedHashMap<>();
            members.forEach(x -> s.put(x.id, x.displayName == null ? x.username : x.displayName));
            Names names = new Names(Collections.unmodifiableMap(g), Collections.unmodifiableMap(s));
            kept.put(communityId, new Kept(names, now.plus(FRESH)));
            return names;
        })));
    }
}
