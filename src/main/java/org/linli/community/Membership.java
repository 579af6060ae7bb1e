package org.linli.community;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;
import java.time.OffsetDateTime;

@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "household_id")
    public Long householdId;
    @Column(name = "resident_id")
    public Long residentId;
    @Enumerated(EnumType.STRING)
    public MembershipRole role;
    @Enumerated(EnumType.STRING)
    public MembershipStatus status;
    @Enumerated(EnumType.STRING)
    public MembershipSource source;
    @Column(name = "verified_by")
    public Long verifiedBy;
    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
