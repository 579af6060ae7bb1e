package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.linli.common.Problem;
import org.linli.identity.Resident;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies validated roster rows to one community inside the caller's transaction. Everything the community already
 * has is loaded once into maps; new grids, buildings and units (a few per file) are inserted as they appear; what
 * each row means for households, owners and memberships is decided in memory, and those rows are then inserted in
 * batches ({@link RosterBatches}); changes to loaded entities are flushed at commit.
 * One instance per import; not thread-safe (rows are applied one after the other on the session).
 */
final class RosterImport {

    private record UnitKey(long buildingId, String name) {
    }

    private record RoomKey(long unitId, String room) {
    }

    /** A live membership, by entity identity: new households and owners have no id until the batch insert. */
    private record Live(Household household, Resident resident) {
    }

    private final long communityId;
    private final long staffId;
    private final OffsetDateTime now;

    private Map<String, Grid> grids;
    private Map<String, Building> buildings;
    private Map<UnitKey, BuildingUnit> units;
    private Map<RoomKey, Household> households;
    private final Map<String, Resident> ownersByPhone = new HashMap<>();
    /** Live OWNER memberships by household, to recognise an owner listed without a phone. */
    private final Map<Household, List<Resident>> ownersOf = new HashMap<>();
    private final RosterBatches batches;
    private final Set<Live> live = new HashSet<>();

    private int created;
    private int updated;
    private int unchanged;
    private int ownersCreated;

    private final BooleanSupplier abandoned;

    RosterImport(long communityId, long staffId, OffsetDateTime now, BooleanSupplier abandoned) {
        this.now = now;
        this.communityId = communityId;
        this.staffId = staffId;
        this.abandoned = abandoned;
        this.batches = new RosterBatches(communityId, staffId, now);
    }

    Uni<RosterService.Report> apply(List<RosterRow> rows) {
        return load()
                .chain(() -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::structure)
                        .collect().asList())
                .invoke(units -> {
                    for (int i = 0; i < rows.size(); i++) {
                        household(units.get(i), rows.get(i));
                    }
                })
                .chain(() -> batches.insert(abandoned))
                .map(ignored -> new RosterService.Report(rows.size(), created, updated, unchanged, ownersCreated, false));
    }

    private Uni<Void> load() {
        return Grid.<Grid>list("communityId", communityId).invoke(list -> grids = byKey(list, g -> g.name))
                .chain(() -> Building.<Building>list("communityId", communityId))
                .invoke(list -> buildings = byKey(list, b -> b.name))
                .chain(() -> BuildingUnit.<BuildingUnit>list("communityId", communityId))
                .invoke(list -> units = byKey(list, u -> new UnitKey(u.buildingId, u.name)))
                .chain(() -> Household.<Household>list("communityId", communityId))
                .invoke(list -> households = byKey(list, h -> new RoomKey(h.unitId, h.room)))
                .chain(() -> Resident.<Resident>list("communityId = ?1 and phoneHash is not null order by id", communityId))
                .invoke(list -> list.forEach(r -> ownersByPhone.putIfAbsent(r.phoneHash, r)))
                .chain(() -> Panache.getSession().chain(s -> s.createSelectionQuery(
                                "select m.householdId, m.role, r from Membership m join Resident r on r.id = m.residentId"
                                        + " where m.communityId = ?1 and m.status in ?2", Object[].class)
                        .setParameter(1, communityId)
                        .setParameter(2, MembershipService.LIVE)
                        .getResultList()))
                .invoke(list -> {
                    Map<Long, Household> byId = new HashMap<>();
                    households.values().forEach(h -> byId.put(h.id, h));
                    list.forEach(row -> {
                        Household household = byId.get((Long) row[0]);
                        Resident resident = (Resident) row[2];
                        live.add(new Live(household, resident));
                        if (row[1] == MembershipRole.OWNER) {
                            ownersOf.computeIfAbsent(household, k -> new ArrayList<>()).add(resident);
                        }
                    });
                })
                .replaceWithVoid();
    }

    /** The row's unit, creating its grid, building and unit when new (few rows do: one statement each). */
    private Uni<BuildingUnit> structure(RosterRow row) {
        if (abandoned.getAsBoolean()) {
            return Uni.createFrom().failure(new Problem(400, "ROSTER_ABORTED"));
        }
        return grid(row)
                .chain(grid -> building(row, grid))
                .chain(building -> unit(building, row.unit()));
    }

    private Uni<Grid> grid(RosterRow row) {
        if (!row.hasGrid()) {
            return Uni.createFrom().nullItem();
        }
        Grid existing = grids.get(row.grid());
        if (existing != null) {
            return Uni.createFrom().item(existing);
        }
        Grid grid = new Grid();
        grid.communityId = communityId;
        grid.name = row.grid();
        grids.put(grid.name, grid);
        return grid.persist();
    }

    /** A grid named in the roster wins over the building's current one; a blank grid cell leaves it alone. */
    private Uni<Building> building(RosterRow row, Grid grid) {
        Building existing = buildings.get(row.building());
        if (existing != null) {
            if (grid != null && !Objects.equals(existing.gridId, grid.id)) {
                existing.gridId = grid.id;
            }
            return Uni.createFrom().item(existing);
        }
        Building building = new Building();
        building.communityId = communityId;
        building.name = row.building();
        building.gridId = grid == null ? null : grid.id;
        buildings.put(building.name, building);
        return building.persist();
    }

    private Uni<BuildingUnit> unit(Building building, String name) {
        UnitKey key = new UnitKey(building.id, name);
        BuildingUnit existing = units.get(key);
        if (existing != null) {
            return Uni.createFrom().item(existing);
        }
        BuildingUnit unit = new BuildingUnit();
        unit.communityId = communityId;
        unit.buildingId = building.id;
        unit.name = name;
        units.put(key, unit);
        return unit.persist();
    }

    /** Decides, in memory, what the row changes; new households, owners and memberships go to the batches. */
    private void household(BuildingUnit unit, RosterRow row) {
        RoomKey key = new RoomKey(unit.id, row.room());
        Household existing = households.get(key);
        if (existing == null) {
            Household household = new Household();
            household.communityId = communityId;
            household.unitId = unit.id;
            household.room = row.room();
            household.floorArea = row.area();
            household.areaSource = row.areaSource();
            household.updatedAt = now;
            households.put(key, household);
            batches.households.add(household);
            created++;
            owner(household, row);
            return;
        }
        boolean areaChanged = existing.floorArea.compareTo(row.area()) != 0 || existing.areaSource != row.areaSource();
        if (areaChanged) {
            existing.floorArea = row.area();
            existing.areaSource = row.areaSource();
            existing.updatedAt = now;
        }
        boolean ownerChanged = owner(existing, row);
        if (areaChanged || ownerChanged) {
            updated++;
        } else {
            unchanged++;
        }
    }

    /**
     * Makes sure the row's owner holds a verified OWNER membership of the household; true when anything changed.
     * The owner is the community's resident with that phone (one person across all their rooms, 司法解释 art. 9),
     * else an owner of this household with the same name, else a new unbound owner slot.
     */
    private boolean owner(Household household, RosterRow row) {
        Resident known = row.hasPhone() ? ownersByPhone.get(row.phoneHash()) : null;
        if (known == null) {
            known = ownersOf.getOrDefault(household, List.of()).stream()
                    .filter(r -> row.ownerName().equals(r.displayName))
                    .filter(r -> !row.hasPhone() || r.phoneHash == null)
                    .findFirst().orElse(null);
        }
        boolean phoneAdded = false;
        if (known != null && row.hasPhone() && known.phoneHash == null) {
            known.phoneHash = row.phoneHash();
            known.phoneMasked = row.phoneMasked();
            ownersByPhone.put(row.phoneHash(), known);
            phoneAdded = true;
        }
        Resident resident = known != null ? known : newOwner(row);
        return membership(household, resident) || phoneAdded;
    }

    private Resident newOwner(RosterRow row) {
        Resident resident = new Resident();
        resident.communityId = communityId;
        resident.displayName = row.ownerName();
        resident.phoneHash = row.phoneHash();
        resident.phoneMasked = row.phoneMasked();
        if (row.hasPhone()) {
            ownersByPhone.put(row.phoneHash(), resident);
        }
        batches.residents.add(resident);
        ownersCreated++;
        return resident;
    }

    private boolean membership(Household household, Resident resident) {
        if (!live.add(new Live(household, resident))) {
            return false;
        }
        ownersOf.computeIfAbsent(household, k -> new ArrayList<>()).add(resident);
        batches.owners.add(new RosterBatches.Owner(household, resident));
        return true;
    }

    private static <K, V> Map<K, V> byKey(List<V> list, Function<V, K> key) {
        return list.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, HashMap::new));
    }
}
