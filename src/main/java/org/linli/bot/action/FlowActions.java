package org.linli.bot.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.linli.bot.script.ActionSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Every {@link FlowAction} bean by the name the scripts use. */
@ApplicationScoped
public class FlowActions {

    private final Map<String, FlowAction> byName = new HashMap<>();

    FlowActions(@Any Instance<FlowAction> actions) {
        for (FlowAction action : actions) {
            if (byName.put(action.spec().name(), action) != null) {
                throw new IllegalStateException("Two flow actions are named " + action.spec().name());
            }
        }
    }

    public FlowAction get(String name) {
        FlowAction action = byName.get(name);
        if (action == null) {
            throw new IllegalArgumentException("No flow action " + name);
        }
        return action;
    }

    public Map<String, ActionSpec> specs() {
        return byName.values().stream().collect(Collectors.toMap(a -> a.spec().name(), FlowAction::spec));
    }
}
