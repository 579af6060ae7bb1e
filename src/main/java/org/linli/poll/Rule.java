package org.linli.poll;

/**
 * A counting rule: the base, the participation threshold (applied to heads, and for owners also to area) and the
 * pass threshold over participants (likewise). For owners both heads and area must meet each threshold.
 */
public record Rule(Base base, Threshold quorum, Threshold pass) {

    static Rule of(Preset preset, PollConfig config, Rule custom) {
        return switch (preset) {
            case PER_RESIDENT -> new Rule(Base.RESIDENTS, Threshold.parse(config.perResident().quorum()),
                    Threshold.parse(config.perResident().pass()));
            case PER_HOUSEHOLD -> new Rule(Base.HOUSEHOLDS, Threshold.parse(config.perHousehold().quorum()),
                    Threshold.parse(config.perHousehold().pass()));
            case OWNERS_ORDINARY -> new Rule(Base.OWNERS, Threshold.atLeast(2, 3), Threshold.moreThan(1, 2));
            case OWNERS_MAJOR -> new Rule(Base.OWNERS, Threshold.atLeast(2, 3), Threshold.atLeast(3, 4));
            case CUSTOM -> {
                if (custom == null || custom.base() == null || custom.quorum() == null || custom.pass() == null) {
                    throw org.linli.common.Problem.badRequest("POLL_RULE_INVALID", "custom");
                }
                yield custom;
            }
        };
    }

    boolean byArea() {
        return base == Base.OWNERS;
    }
}
