package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

import java.time.OffsetDateTime;

/** One immutable line of a thread's timeline (a database trigger refuses UPDATE and DELETE). */
@Entity
@Table(name = "thread_event")
public class ThreadEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "thread_id")
    public Long threadId;
    public OffsetDateTime at;
    @Enumerated(EnumType.STRING)
    public ThreadEventKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "actor_kind")
    public ActorKind actorKind;
    @Column(name = "actor_id")
    public Long actorId;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_name")
    public String actorName;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ThreadStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ThreadStatus toStatus;
    public boolean internal;
    public String note;
}
