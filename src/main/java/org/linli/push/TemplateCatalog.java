package org.linli.push;

import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Template ids and keyword values per message kind, from {@code linli.push.templates.<kind>.*}: which template a
 * NOTICE uses and which value goes into {@code thing1} is configuration, not code.
 */
@Singleton
public class TemplateCatalog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Map<String, PushConfig.Template> templates;
    private final ZoneId zone;

    TemplateCatalog(PushConfig config) {
        this.templates = config.templates();
        this.zone = ZoneId.of(config.quietHours().zone());
    }

    Optional<String> templateId(String kind, Channel channel) {
        return template(kind).flatMap(t -> switch (channel) {
            case MP_TEMPLATE -> t.mpTemplateId();
            case MINI_SUBSCRIBE -> t.miniTemplateId();
            case MP_SUBSCRIBE -> t.mpSubscribeTemplateId();
            default -> Optional.empty();
        }).filter(id -> !id.isBlank());
    }

    /** Every configured Mini-Program template id: the ones residents may grant consents for. */
    public Collection<String> miniTemplateIds() {
        return ids(PushConfig.Template::miniTemplateId);
    }

    /** Every configured OA subscribe notification template id: the ones the OA's consent events may grant. */
    public Collection<String> mpSubscribeTemplateIds() {
        return ids(PushConfig.Template::mpSubscribeTemplateId);
    }

    private Collection<String> ids(Function<PushConfig.Template, Optional<String>> id) {
        return templates.values().stream().flatMap(t -> id.apply(t).stream()).filter(s -> !s.isBlank())
                .distinct().toList();
    }

    Map<String, String> data(QueuedMessage message, Channel channel) {
        Map<String, String> mapping = template(message.kind()).map(t -> mapping(t, channel)).orElse(Map.of());
        Map<String, String> data = new LinkedHashMap<>();
        mapping.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> data.put(e.getKey(), value(message, e.getValue().trim())));
        return data;
    }

    private static Map<String, String> mapping(PushConfig.Template t, Channel channel) {
        Map<String, String> own = switch (channel) {
            case MINI_SUBSCRIBE -> t.miniFields();
            case MP_SUBSCRIBE -> t.mpSubscribeFields();
            default -> Map.of();
        };
        return own.isEmpty() ? t.fields() : own;
    }

    /** {@code a|b}: the first of the alternatives that is not blank. */
    private String value(QueuedMessage message, String expression) {
        if (expression.startsWith("=")) {
            return expression.substring(1);
        }
        for (String alternative : expression.split("\\|")) {
            String value = single(message, alternative.trim());
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private String single(QueuedMessage message, String expression) {
        return switch (expression) {
            case "title" -> message.title();
            case "summary" -> Objects.requireNonNullElse(message.summary(), "");
            case "time" -> TIME.format(message.createdAt().atZone(zone));
            case "date" -> DATE.format(message.createdAt().atZone(zone));
            case "kind" -> message.kind();
            default -> message.fields().getOrDefault(expression, "");
        };
    }

    private Optional<PushConfig.Template> template(String kind) {
        return Stream.of(kind, kind.toUpperCase(), kind.toLowerCase())
                .map(templates::get).filter(Objects::nonNull).findFirst();
    }
}
