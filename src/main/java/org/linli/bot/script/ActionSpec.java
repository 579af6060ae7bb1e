package org.linli.bot.script;

import java.util.Map;
import java.util.Set;

/**
 * What an action (Java) expects of the flow (YAML) that names it, so a reworded script that breaks the contract
 * fails at load, not in front of a resident: the steps it reads, the outcomes it produces and sample values of the
 * variables it hands to the reply templates (used to dry-run every template at load).
 */
public record ActionSpec(String name, Map<String, SlotRule> slots, Set<String> requiredOutcomes,
                         Set<String> optionalOutcomes, Map<String, Object> sampleVars) {

    /** A step the action reads: must it exist, which inputs may it take, which choice values may it store. */
    public record SlotRule(boolean required, Set<InputKind> accepts, Set<String> choiceValues) {

        public static SlotRule required(InputKind... accepts) {
            return new SlotRule(true, Set.of(accepts), Set.of());
        }

        public static SlotRule optional(InputKind... accepts) {
            return new SlotRule(false, Set.of(accepts), Set.of());
        }

        public static SlotRule choice(Set<String> values) {
            return new SlotRule(true, Set.of(InputKind.TEXT), values);
        }
    }
}
