package org.linli.community;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

@Entity
@Table(name = "building_unit")
public class BuildingUnit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "building_id")
    public Long buildingId;
    public String name;
}
