package org.linli.bot;

import org.linli.bot.script.InputKind;
import org.linli.bot.script.Render;
import org.linli.bot.script.Step;
import org.linli.bot.script.Texts;
import org.linli.bot.script.Words;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks one message against the step it answers and turns it into the values the step stores. */
final class StepInput {

    private StepInput() {
    }

    sealed interface Result permits Accepted, Rejected {
    }

    /** Values to remember, by data key. */
    record Accepted(Map<String, String> values) implements Result {
    }

    /** Why the input was refused (a key of {@code invalid}) and values the message may show. */
    record Rejected(String reason, Map<String, Object> vars) implements Result {
        Rejected(String reason) {
            this(reason, Map.of());
        }
    }

    static Result evaluate(Step step, org.linli.bot.IncomingMessage message, Texts texts) {
        InputKind kind = InputKind.of(message.kind());
        if (kind == InputKind.TEXT && step.optional() && step.skipWords().contains(Words.normalise(message.text()))) {
            return skipped(step);
        }
        if (kind == null || !step.accept().contains(kind)) {
            return new Rejected("kind", Map.of("expected", expected(step, texts)));
        }
        return switch (kind) {
            case TEXT -> text(step, message.text(), texts);
            case LOCATION -> location(step, message.location(), texts);
            case IMAGE -> image(step, message.mediaId(), message.pictureUrl());
        };
    }

    private static Result text(Step step, String text, Texts texts) {
        String raw = text == null ? "" : text.strip();
        if (raw.isEmpty()) {
            return new Rejected("empty");
        }
        if (!step.choices().isEmpty()) {
            String value = step.choices().get(Words.normalise(raw));
            return value != null ? new Accepted(Map.of(step.id(), value))
                    : new Rejected("choice", Map.of("choices", String.join(texts.label("separators", "list"), step.choiceWords())));
        }
        String value = transform(raw, step.transforms());
        int length = Words.length(value);
        if (step.minLength() != null && length < step.minLength()) {
            return new Rejected("too-short", Map.of("min", step.minLength()));
        }
        if (step.maxLength() != null && length > step.maxLength()) {
            return new Rejected("too-long", Map.of("max", step.maxLength()));
        }
        if (step.pattern() != null && !step.pattern().matcher(value).matches()) {
            return new Rejected("pattern");
        }
        return new Accepted(Map.of(step.id(), value));
    }

    private static Result location(Step step, org.linli.bot.IncomingMessage.Location location, Texts texts) {
        if (location == null) {
            return new Rejected("kind", Map.of("expected", expected(step, texts)));
        }
        String lat = Double.toString(location.latitude());
        String lng = Double.toString(location.longitude());
        String label = location.label() == null || location.label().isBlank()
                ? Render.render(texts.reply(Texts.LOCATION_FALLBACK), Map.of("latitude", lat, "longitude", lng))
                : location.label().strip();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(step.id(), truncate(label, step.maxLength()));
        values.put(step.latitudeKey(), lat);
        values.put(step.longitudeKey(), lng);
        return new Accepted(values);
    }

    private static Result image(Step step, String mediaId, String url) {
        boolean noMedia = mediaId == null || mediaId.isBlank();
        boolean noUrl = url == null || url.isBlank();
        if (noMedia && noUrl) {
            return new Rejected("empty");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(step.id(), noMedia ? url : mediaId);
        values.put(step.mediaIdKey(), noMedia ? "" : mediaId);
        values.put(step.urlKey(), noUrl ? "" : url);
        return new Accepted(values);
    }

    private static Result skipped(Step step) {
        Map<String, String> values = new HashMap<>();
        step.slots().forEach(slot -> values.put(slot, ""));
        return new Accepted(values);
    }

    private static String transform(String value, List<Step.Transform> transforms) {
        String v = value;
        for (Step.Transform t : transforms) {
            v = switch (t) {
                case HALFWIDTH -> java.text.Normalizer.normalize(v, java.text.Normalizer.Form.NFKC);
                case COMPACT -> v.replaceAll("[\\s\\u3000]+", "");
                case UPPER -> v.toUpperCase(Locale.ROOT);
                case LOWER -> v.toLowerCase(Locale.ROOT);
            };
        }
        return v;
    }

    private static String expected(Step step, Texts texts) {
        return step.accept().stream().sorted()
                .map(k -> texts.label("input-kind", k.scriptName()))
                .collect(Collectors.joining(texts.label("separators", "or")));
    }

    private static String truncate(String s, Integer max) {
        if (max == null || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }
}
