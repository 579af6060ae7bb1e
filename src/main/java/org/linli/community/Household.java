package org.linli.community;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "unit_id")
    public Long unitId;
    public String room;
    @Column(name = "floor_area")
    public BigDecimal floorArea;
    @Enumerated(EnumType.STRING)
    @Column(name = "area_source")
    public AreaSource areaSource;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
