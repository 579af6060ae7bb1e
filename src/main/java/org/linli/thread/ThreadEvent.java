package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

import java.time.OffsetDateTime;

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
    public String note;
}
