package org.linli.meeting;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A native SQL statement with named parameters, run in the current Panache session (so inside the caller's
 * transaction). Used where meetings read the community roster tables and write invitees.
 */
final class MeetingSql {

    private final StringBuilder text;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private MeetingSql(String text) {
        this.text = new StringBuilder(text);
    }

    static MeetingSql of(String text) {
        return new MeetingSql(text);
    }

    MeetingSql append(String more) {
        text.append(more);
        return this;
    }

    MeetingSql param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    String text() {
        return text.toString();
    }

    /** Every row as its columns (Hibernate hands single-column rows back as the bare value). */
    Uni<List<Object[]>> rows() {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(text.toString(), Object.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> row instanceof Object[] columns ? columns : new Object[]{row}).toList());
    }

    /** The first column of every row. */
    Uni<List<Object>> column() {
        return rows().map(rows -> rows.stream().map(row -> row[0]).toList());
    }

    /** A single number, e.g. a count. */
    Uni<Long> number() {
        return column().map(values -> values.isEmpty() || values.get(0) == null ? 0L : ((Number) values.get(0)).longValue());
    }

    Uni<Integer> update() {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(text.toString());
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    static long id(Object value) {
        return ((Number) value).longValue();
    }

    /** A timestamp column in community time. */
    static OffsetDateTime time(Object value) {
        OffsetDateTime t = utc(value);
        return t == null ? null : t.atZoneSameInstant(org.linli.common.ClockProducer.COMMUNITY_ZONE).toOffsetDateTime();
    }

    private static OffsetDateTime utc(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Instant t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
    }
}
