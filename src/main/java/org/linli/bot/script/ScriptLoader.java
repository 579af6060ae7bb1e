package org.linli.bot.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads bot-scripts/ (texts.yaml, menu.yaml, flows/*.yaml), compiles every reply into a Qute template and checks
 * the whole: unknown keys, clashing trigger words, steps and outcomes the actions need, menu limits, and a dry
 * render of every template with sample data. All problems are reported together in one {@link ScriptException}.
 */
public final class ScriptLoader {

    private static final Pattern FLOW_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    private static final Set<String> EVENTS = Set.of("subscribe", "scan", "invite-scan", "meeting-scan");

    /** Values every template may use, with samples for the dry render. */
    private static final Map<String, Object> GLOBAL_SAMPLES = Map.of("text", "示例", "min", 2, "max", 20,
            "choices", "甲、乙", "expected", "文字", "latitude", "31.2", "longitude", "121.4", "reason", "示例");

    private final Engine engine;
    private final Map<String, ActionSpec> actions;
    private final ObjectMapper yaml;

    public ScriptLoader(Engine engine, Map<String, ActionSpec> actions) {
        this.engine = engine;
        this.actions = Map.copyOf(actions);
        this.yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public BotScripts load(ScriptSource source) {
        Problems problems = new Problems();
        TextsFile textsFile = read(source, ScriptSource.TEXTS, TextsFile.class, problems);
        MenuDefinition menu = read(source, ScriptSource.MENU, MenuDefinition.class, problems);
        List<String> flowFiles;
        try {
            flowFiles = source.flowFiles();
        } catch (IOException e) {
            problems.add(ScriptSource.FLOWS, "cannot list: " + e.getMessage());
            flowFiles = List.of();
        }
        if (flowFiles.isEmpty()) {
            problems.add(ScriptSource.FLOWS, "no flow files (flows/*.yaml)");
        }
        Texts texts = textsFile == null ? null : compileTexts(textsFile, problems);

        Map<String, Flow> flows = new LinkedHashMap<>();
        Map<String, Flow> words = new HashMap<>();
        List<Map.Entry<String, Flow>> keywords = new ArrayList<>();
        Map<String, Flow> menuKeys = new HashMap<>();
        Map<String, Flow> events = new HashMap<>();
        for (String file : flowFiles) {
            FlowFile raw = read(source, file, FlowFile.class, problems);
            if (raw == null) {
                continue;
            }
            Flow flow = compileFlow(file, raw, texts, problems);
            if (flow == null) {
                continue;
            }
            if (flows.putIfAbsent(flow.id(), flow) != null) {
                problems.add(file, "flow id '" + flow.id() + "' is used by " + flows.get(flow.id()).file() + " too");
                continue;
            }
            indexTriggers(file, raw.triggers(), flow, texts, words, keywords, menuKeys, events, problems);
        }
        if (menu != null) {
            MenuRules.check(menu, menuKeys.keySet(), problems);
        }
        if (!flowFiles.isEmpty() && !events.containsKey("subscribe")) {
            problems.add(ScriptSource.FLOWS, "no flow answers the subscribe event (triggers.events: [subscribe]);"
                    + " new followers must be welcomed");
        }
        problems.throwIfAny(source.describe());
        return new BotScripts(texts, Map.copyOf(flows), Map.copyOf(words), List.copyOf(keywords),
                Map.copyOf(menuKeys), Map.copyOf(events), menu, source.describe());
    }

    // ---------------------------------------------------------------------------------------------- reading

    private <T> T read(ScriptSource source, String file, Class<T> type, Problems problems) {
        try {
            if (!source.exists(file)) {
                problems.add(file, "missing");
                return null;
            }
            T value = yaml.readValue(source.read(file), type);
            if (value == null) {
                problems.add(file, "empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            problems.add(file, e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            problems.add(file, "cannot read: " + e.getMessage());
        }
        return null;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    // ---------------------------------------------------------------------------------------------- texts

    private Texts compileTexts(TextsFile raw, Problems problems) {
        String file = ScriptSource.TEXTS;
        Set<String> cancelWords = new LinkedHashSet<>();
        for (String w : nonNull(raw.cancelWords())) {
            cancelWords.add(Words.normalise(w));
        }
        if (cancelWords.isEmpty()) {
            problems.add(file, "cancel-words: at least one word is needed");
        }
        Map<String, Object> defaults = emptyValues(GLOBAL_SAMPLES);
        Map<String, Template> replies = compileAll(file, "replies", raw.replies(), Texts.REQUIRED_REPLIES,
                Texts.REQUIRED_REPLIES, GLOBAL_SAMPLES, problems);
        Map<String, Template> invalid = compileAll(file, "invalid", raw.invalid(), Texts.INVALID_REASONS,
                Texts.INVALID_REASONS, GLOBAL_SAMPLES, problems);
        Map<String, Map<String, String>> labels = raw.labels() == null ? Map.of() : raw.labels();
        for (String set : Texts.LABEL_SETS) {
            if (!labels.containsKey(set)) {
                problems.add(file, "labels." + set + " is missing");
            }
        }
        for (String set : labels.keySet()) {
            if (!Texts.LABEL_SETS.contains(set)) {
                problems.add(file, "labels." + set + " is not a known label set " + Texts.LABEL_SETS);
            }
        }
        for (InputKind kind : InputKind.values()) {
            if (!labels.getOrDefault("input-kind", Map.of()).containsKey(kind.scriptName())) {
                problems.add(file, "labels.input-kind." + kind.scriptName() + " is missing");
            }
        }
        for (String sep : List.of("or", "list")) {
            if (!labels.getOrDefault("separators", Map.of()).containsKey(sep)) {
                problems.add(file, "labels.separators." + sep + " is missing");
            }
        }
        return new Texts(Set.copyOf(cancelWords), replies, invalid, copyLabels(labels), defaults);
    }

    private static Map<String, Map<String, String>> copyLabels(Map<String, Map<String, String>> labels) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        labels.forEach((k, v) -> copy.put(k, v == null ? Map.of() : Map.copyOf(v)));
        return Map.copyOf(copy);
    }

    // ---------------------------------------------------------------------------------------------- flows

    private Flow compileFlow(String file, FlowFile raw, Texts texts, Problems problems) {
        if (raw.id() == null || !FLOW_ID.matcher(raw.id()).matches()) {
            problems.add(file, "id must match " + FLOW_ID.pattern() + ", was '" + raw.id() + "'");
            return null;
        }
        Flow.Requirement requires = Flow.Requirement.NONE;
        if (raw.requires() != null) {
            try {
                requires = Flow.Requirement.valueOf(raw.requires().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(file, "requires must be none or verified, was '" + raw.requires() + "'");
            }
        }
        ActionSpec action = null;
        if (raw.action() != null) {
            action = actions.get(raw.action());
            if (action == null) {
                problems.add(file, "unknown action '" + raw.action() + "'; known: " + actions.keySet());
            }
        }

        // Samples and defaults of every key the flow's templates may use.
        Map<String, Object> samples = new HashMap<>(GLOBAL_SAMPLES);
        List<StepDraft> drafts = new ArrayList<>();
        Set<String> stepIds = new LinkedHashSet<>();
        for (FlowFile.StepFile s : nonNull(raw.steps())) {
            StepDraft d = checkStep(file, s, problems);
            if (d == null) {
                continue;
            }
            if (!stepIds.add(d.id)) {
                problems.add(file, "step id '" + d.id + "' is used twice");
            }
            drafts.add(d);
        }
        Set<String> filled = new LinkedHashSet<>();
        for (StepDraft d : drafts) {
            for (String slot : d.slots()) {
                if (GLOBAL_SAMPLES.containsKey(slot)) {
                    problems.add(file, "step id '" + d.id + "' clashes with the built-in variable '" + slot + "'");
                } else if (!filled.add(slot)) {
                    problems.add(file, "step '" + d.id + "' fills '" + slot + "', which another step fills too");
                }
                samples.put(slot, "示例");
            }
        }
        Set<String> outcomes = new LinkedHashSet<>();
        if (action != null) {
            checkActionSlots(file, action, drafts, problems);
            samples.putAll(action.sampleVars());
            outcomes.addAll(action.requiredOutcomes());
            outcomes.addAll(action.optionalOutcomes());
        } else if (raw.action() == null) {
            outcomes.add(Flow.DONE);
        }
        Set<String> required = action != null ? action.requiredOutcomes()
                : raw.action() == null ? Set.of(Flow.DONE) : Set.of();
        Set<String> allowed = new LinkedHashSet<>(outcomes);
        allowed.addAll(Texts.FLOW_OVERRIDABLE);
        Map<String, Template> replies = compileAll(file, "replies", raw.replies(), required, allowed, samples,
                problems);

        List<Step> steps = new ArrayList<>();
        for (StepDraft d : drafts) {
            steps.add(compileStep(file, d, samples, problems));
        }
        // A flow with problems is still returned, so its triggers are checked too; the load then fails as a whole.
        Map<String, Object> defaults = emptyValues(samples);
        return new Flow(raw.id(), raw.title() == null ? raw.id() : raw.title(), requires, List.copyOf(steps),
                raw.action(), replies, Map.copyOf(defaults), file);
    }

    /** A step checked but not yet compiled (its templates need the samples of every step). */
    private record StepDraft(String id, FlowFile.StepFile raw, Set<InputKind> accept, Pattern pattern,
                             List<Step.Transform> transforms, Map<String, String> choices, Set<String> skipWords) {

        List<String> slots() {
            List<String> keys = new ArrayList<>(List.of(id));
            if (accept.contains(InputKind.LOCATION)) {
                keys.add(id + "Latitude");
                keys.add(id + "Longitude");
            }
            if (accept.contains(InputKind.IMAGE)) {
                keys.add(id + "MediaId");
                keys.add(id + "Url");
            }
            return keys;
        }
    }

    private StepDraft checkStep(String file, FlowFile.StepFile s, Problems problems) {
        if (s.id() == null || !STEP_ID.matcher(s.id()).matches()) {
            problems.add(file, "step id must match " + STEP_ID.pattern() + ", was '" + s.id() + "'");
            return null;
        }
        String where = file + " step '" + s.id() + "'";
        if (s.ask() == null || s.ask().isBlank()) {
            problems.add(where, "ask is required");
        }
        Set<InputKind> accept = EnumSet.noneOf(InputKind.class);
        for (String a : s.accept() == null ? List.of("text") : s.accept()) {
            try {
                accept.add(InputKind.valueOf(a.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(where, "accept: '" + a + "' is not one of text, location, image");
            }
        }
        if (accept.isEmpty()) {
            problems.add(where, "accept must name at least one of text, location, image");
        }
        if (s.minLength() != null && s.minLength() < 0 || s.maxLength() != null && s.maxLength() < 1
                || s.minLength() != null && s.maxLength() != null && s.minLength() > s.maxLength()) {
            problems.add(where, "min-length / max-length are inconsistent");
        }
        Pattern pattern = null;
        if (s.pattern() != null) {
            try {
                pattern = Pattern.compile(s.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(where, "pattern does not compile: " + e.getDescription());
            }
        }
        List<Step.Transform> transforms = new ArrayList<>();
        for (String t : nonNull(s.transform())) {
            try {
                transforms.add(Step.Transform.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(where, "transform: '" + t + "' is not one of halfwidth, compact, upper, lower");
            }
        }
        Map<String, String> choices = new LinkedHashMap<>();
        if (s.choices() != null) {
            if (!accept.contains(InputKind.TEXT)) {
                problems.add(where, "choices need accept: [text]");
            }
            s.choices().forEach((word, value) -> {
                if (value == null || value.isBlank()) {
                    problems.add(where, "choice '" + word + "' has no value");
                } else if (choices.put(Words.normalise(word), value) != null) {
                    problems.add(where, "choice '" + word + "' is listed twice");
                }
            });
        }
        Set<String> skipWords = new LinkedHashSet<>();
        for (String w : nonNull(s.skipWords())) {
            skipWords.add(Words.normalise(w));
        }
        boolean optional = Boolean.TRUE.equals(s.optional());
        if (optional && skipWords.isEmpty()) {
            problems.add(where, "optional steps need skip-words (what a resident replies to skip)");
        }
        if (!optional && !skipWords.isEmpty()) {
            problems.add(where, "skip-words need optional: true");
        }
        for (String reason : nonNull(s.invalid() == null ? null : s.invalid().keySet())) {
            if (!Texts.INVALID_REASONS.contains(reason)) {
                problems.add(where, "invalid." + reason + " is not one of " + Texts.INVALID_REASONS);
            }
        }
        return new StepDraft(s.id(), s, accept, pattern, transforms, choices, skipWords);
    }

    private Step compileStep(String file, StepDraft d, Map<String, Object> samples, Problems problems) {
        String where = file + " step '" + d.id + "'";
        FlowFile.StepFile s = d.raw;
        Template ask = compile(where + " ask", s.ask(), samples, problems);
        Map<String, Template> invalid = new HashMap<>();
        if (s.invalid() != null) {
            s.invalid().forEach((reason, text) -> {
                Template t = compile(where + " invalid." + reason, text, samples, problems);
                if (t != null) {
                    invalid.put(reason, t);
                }
            });
        }
        return new Step(d.id, ask, Set.copyOf(d.accept), s.minLength(), s.maxLength(), d.pattern,
                List.copyOf(d.transforms), Map.copyOf(d.choices), List.copyOf(s.choices() == null ? List.of()
                : s.choices().keySet()), Boolean.TRUE.equals(s.optional()), Set.copyOf(d.skipWords),
                Map.copyOf(invalid));
    }

    private void checkActionSlots(String file, ActionSpec action, List<StepDraft> steps, Problems problems) {
        action.slots().forEach((slot, rule) -> {
            StepDraft step = steps.stream().filter(s -> s.id.equals(slot)).findFirst().orElse(null);
            if (step == null) {
                if (rule.required()) {
                    problems.add(file, "action " + action.name() + " needs a step with id '" + slot + "'");
                }
                return;
            }
            if (!rule.accepts().containsAll(step.accept)) {
                problems.add(file, "step '" + slot + "' may accept only " + names(rule.accepts())
                        + " for action " + action.name());
            }
            if (!rule.choiceValues().isEmpty()) {
                if (step.choices.isEmpty()) {
                    problems.add(file, "step '" + slot + "' needs choices with values among " + rule.choiceValues());
                }
                step.choices.forEach((word, value) -> {
                    if (!rule.choiceValues().contains(value)) {
                        problems.add(file, "step '" + slot + "' choice '" + word + "' maps to '" + value
                                + "', not one of " + rule.choiceValues());
                    }
                });
            }
        });
    }

    private static String names(Set<InputKind> kinds) {
        return kinds.stream().map(InputKind::scriptName).sorted().toList().toString();
    }

    private void indexTriggers(String file, FlowFile.TriggersFile t, Flow flow, Texts texts, Map<String, Flow> words,
                               List<Map.Entry<String, Flow>> keywords, Map<String, Flow> menuKeys,
                               Map<String, Flow> events, Problems problems) {
        if (t == null || nonNull(t.words()).isEmpty() && nonNull(t.keywords()).isEmpty()
                && nonNull(t.menu()).isEmpty() && nonNull(t.events()).isEmpty()) {
            problems.add(file, "triggers: a flow needs words, keywords, menu keys or events, else nobody reaches it");
            return;
        }
        for (String w : nonNull(t.words())) {
            String n = Words.normalise(w);
            if (texts != null && texts.cancelWords().contains(n)) {
                problems.add(file, "trigger word '" + w + "' is a cancel word");
            }
            Flow other = words.putIfAbsent(n, flow);
            if (other != null && other != flow) {
                problems.add(file, "trigger word '" + w + "' also starts " + other.file());
            }
        }
        for (String k : nonNull(t.keywords())) {
            String n = Words.normalise(k);
            if (n.isEmpty()) {
                problems.add(file, "empty keyword");
            } else {
                keywords.add(new AbstractMap.SimpleImmutableEntry<>(n, flow));
            }
        }
        for (String key : nonNull(t.menu())) {
            Flow other = menuKeys.putIfAbsent(key, flow);
            if (other != null && other != flow) {
                problems.add(file, "menu key " + key + " also starts " + other.file());
            }
        }
        for (String e : nonNull(t.events())) {
            if (!EVENTS.contains(e)) {
                problems.add(file, "event '" + e + "' is not one of " + EVENTS);
            } else {
                Flow other = events.putIfAbsent(e, flow);
                if (other != null && other != flow) {
                    problems.add(file, "event " + e + " also starts " + other.file());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- templates

    private Map<String, Template> compileAll(String file, String section, Map<String, String> raw,
                                             Set<String> required, Set<String> allowed, Map<String, Object> samples,
                                             Problems problems) {
        Map<String, String> entries = raw == null ? Map.of() : raw;
        for (String key : required) {
            if (!entries.containsKey(key)) {
                problems.add(file, section + "." + key + " is missing");
            }
        }
        Map<String, Template> compiled = new HashMap<>();
        entries.forEach((key, text) -> {
            if (!allowed.contains(key)) {
                problems.add(file, section + "." + key + " is not used; expected some of " + allowed);
                return;
            }
            Template t = compile(file + " " + section + "." + key, text, samples, problems);
            if (t != null) {
                compiled.put(key, t);
            }
        });
        return Map.copyOf(compiled);
    }

    /** Parses a template and renders it once with sample data, so typos in variable names fail at load. */
    private Template compile(String where, String text, Map<String, Object> samples, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.add(where, "is empty");
            return null;
        }
        try {
            Template t = engine.parse(text, null, where);
            Render.render(t, samples);
            return t;
        } catch (RuntimeException e) {
            problems.add(where, "template error: " + firstLine(e.getMessage()));
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Empty values of the same shape as the samples: what a template sees for a key not filled yet. */
    private static Map<String, Object> emptyValues(Map<String, Object> samples) {
        Map<String, Object> empty = new HashMap<>();
        samples.forEach((k, v) -> empty.put(k, v instanceof List ? List.of() : v instanceof Boolean ? false
                : v instanceof Number ? 0 : ""));
        return empty;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> Set<T> nonNull(Set<T> set) {
        return set == null ? Set.of() : set;
    }
}
