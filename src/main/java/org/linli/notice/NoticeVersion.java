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

/** One version of a notice's content as it was published or edited; never changed afterwards. */
@Entity
@Table(name = "notice_version")
public class NoticeVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "notice_id")
    public Long noticeId;
    public int version;
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
    @Column(columnDefinition = "text")
    public String attachments;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "edited_by")
    public Long editedBy;
    @Column(name = "edited_at")
    public OffsetDateTime editedAt;

    static NoticeVersion of(Notice n, long editedBy, OffsetDateTime editedAt) {
        NoticeVersion v = new NoticeVersion();
        v.noticeId = n.id;
        v.version = n.version;
        v.title = n.title;
        v.body = n.body;
        v.bodyFormat = n.bodyFormat;
        v.category = n.category;
        v.priority = n.priority;
        v.requiresAck = n.requiresAck;
        v.attachments = n.attachments;
        v.expiresAt = n.expiresAt;
        v.editedBy = editedBy;
        v.editedAt = editedAt;
        return v;
    }
}
