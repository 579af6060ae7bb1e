package org.linli.bot.action;

/** No {@link org.linli.community.HouseholdBinding} is deployed yet: the bot says so instead of guessing. */
public class BindingUnavailable extends RuntimeException {

    public BindingUnavailable() {
        super("No HouseholdBinding bean is deployed", null, false, false);
    }
}
