package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import org.linli.bot.script.ActionSpec;

/**
 * What a flow does when its last step is answered (or at once when it has no steps): calls the feature services
 * and names an outcome, whose reply the flow's YAML words. Actions own no wording.
 */
public interface FlowAction {

    ActionSpec spec();

    Uni<Outcome> run(ActionContext context);
}
