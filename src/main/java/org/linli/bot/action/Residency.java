package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.linli.community.HouseholdBinding;
import org.linli.identity.MpResidents;

import java.util.List;
import java.util.Optional;

/** Who the person behind an openid is for the bot: their resident id and memberships (via community's API). */
@ApplicationScoped
public class Residency {

    private final Instance<HouseholdBinding> binding;
    private final MpResidents residents;

    Residency(Instance<HouseholdBinding> binding, MpResidents residents) {
        this.binding = binding;
        this.residents = residents;
    }

    /** The resident and memberships of an openid; no resident row is created for it. */
    public Uni<Standing> of(String openid) {
        HouseholdBinding households = binding();
        return residents.idOf(openid).chain(id -> id == null
                ? Uni.createFrom().item(new Standing(null, List.of()))
                : households.membershipsOf(id).map(list -> new Standing(id, List.copyOf(list))));
    }

    public HouseholdBinding binding() {
        if (!binding.isResolvable()) {
            throw new BindingUnavailable();
        }
        return binding.get();
    }

    public Uni<Long> ensureResident(String openid) {
        return residents.ensure(openid);
    }

    /** A resident's standing: none, pending or verified (a verified membership wins). */
    public record Standing(Long residentId, List<HouseholdBinding.Binding> memberships) {

        public boolean verified() {
            return memberships.stream().anyMatch(HouseholdBinding.Binding::isVerified);
        }

        public boolean pending() {
            return !verified() && memberships.stream().anyMatch(HouseholdBinding.Binding::isPending);
        }

        /** The household the resident speaks for: their newest verified membership. */
        public Optional<HouseholdBinding.Binding> household() {
            return memberships.stream().filter(HouseholdBinding.Binding::isVerified).findFirst();
        }
    }
}
