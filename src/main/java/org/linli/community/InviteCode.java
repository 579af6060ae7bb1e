package org.linli.community;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;
import java.time.OffsetDateTime;

@Entity
@Table(name = "invite_code")
public class InviteCode extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "household_id")
    public Long householdId;
    public String code;
    @Enumerated(EnumType.STRING)
    public InviteStatus status;
    @Column(name = "created_by")
    public Long createdBy;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "used_by")
    public Long usedBy;
    @Column(name = "used_at")
    public OffsetDateTime usedAt;
}
