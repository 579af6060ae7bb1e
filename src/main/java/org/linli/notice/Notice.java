package org.linli.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The current version of a notice. Older versions live in {@link NoticeVersion}. */
@Entity
@Table(name = "notice")
public class Notice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "community_id")
    public Long communityId;
    public int version = 1;
    public String title;
    @Column(columnDefinition = "text")
    public String body;
    @Enumerated(EnumType.STRING)
    @Column(name = "body_format")
    public BodyFormat bodyFormat;
    @Enumerated(EnumType.STRING)
    public NoticeCategory category;
    @Enumerated(EnumType.STRING)
    public NoticePriority priority;
    @Column(name = "requires_ack")
    public boolean requiresAck;
    /** JSON, see {@link Attachments}. */
    @Column(columnDefinition = "text")
    public String attachments = "[]";
    @Enumerated(EnumType.STRING)
    @Column(name = "scope_kind")
    public ScopeKind scopeKind;
    @Column(name = "publish_at")
    public OffsetDateTime publishAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "created_by")
    public Long createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_by")
    public Long updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "withdrawn_by")
    public Long withdrawnBy;
    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    boolean urgent() {
        return priority == NoticePriority.URGENT;
    }
}
