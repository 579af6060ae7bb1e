package org.linli.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Set;

/**
 * Checks at the edge what PostgreSQL would refuse later with a 500: a NUL character or a lone UTF-16 surrogate in
 * any JSON string, and dates outside the years 1000–9999. Both become 400 problems ({@link BadValue}).
 */
@Singleton
public class JsonGuard implements ObjectMapperCustomizer {

    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;
    private static final Set<Class<?>> DATES = Set.of(OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class,
            LocalDate.class, Instant.class);

    /** A JSON value Jackson could read but we refuse; {@code code} is the problem code. */
    public static final class BadValue extends MismatchedInputException {
        final String code;

        BadValue(JsonParser p, String code, Class<?> type) {
            super(p, code, type);
            this.code = code;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("linli-json-guard");
        module.addDeserializer(String.class, new CleanString());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return DATES.contains(description.getBeanClass()) ? new BoundedDate(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** Whether text holds a NUL or an unpaired surrogate. */
    public static boolean unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static final class CleanString extends StdScalarDeserializer<String> {
        CleanString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && unstorable(value)) {
                throw new BadValue(p, "TEXT_INVALID_CHARACTER", String.class);
            }
            return value;
        }
    }

    static final class BoundedDate extends DelegatingDeserializer {
        BoundedDate(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new BoundedDate(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value != null && !inRange(value)) {
                throw new BadValue(p, "DATE_OUT_OF_RANGE", value.getClass());
            }
            return value;
        }

        private static boolean inRange(Object value) {
            TemporalAccessor t = value instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : (TemporalAccessor) value;
            int year = t.get(ChronoField.YEAR);
            return year >= MIN_YEAR && year <= MAX_YEAR;
        }
    }
}
