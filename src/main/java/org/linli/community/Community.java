package org.linli.community;

import org.linli.common.ClockProducer;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;
import java.time.OffsetDateTime;

@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String code;
    public String name;
    public String kind = "URBAN";
    @Column(name = "time_zone")
    public String timeZone = ClockProducer.COMMUNITY_ZONE.getId();
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
