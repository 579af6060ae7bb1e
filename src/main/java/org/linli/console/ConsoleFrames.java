package org.linli.console;

import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.linli.community.CommunityService;
import org.linli.community.HouseholdService;
import org.linli.identity.Caller;
import org.linli.identity.ConsoleCookieMechanism;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Reach;
import org.linli.identity.Role;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page frame of a console page. Who may open a page is declared on its endpoint (as on the REST API); this
 * only reads the caller, their reach and the session's CSRF token.
 */
@RequestScoped
class ConsoleFrames {

    private static final Set<Role> MANAGE = Set.of(Role.ADMIN, Role.COMMITTEE);
    private static final Set<Role> INVITE = Set.of(Role.ADMIN, Role.COMMITTEE, Role.BUILDING_LEADER);

    private final CurrentCaller caller;
    private final CurrentVertxRequest request;
    private final CommunityService communities;
    private final Validator validator;
    private final HouseholdService households;

    ConsoleFrames(CurrentCaller caller, CurrentVertxRequest request, CommunityService communities,
                  Validator validator, HouseholdService households) {
        this.caller = caller;
        this.request = request;
        this.communities = communities;
        this.validator = validator;
        this.households = households;
    }

    /** The scope picker's options: the grids within the caller's reach and the buildings they see. */
    record ScopeChoices(List<Choice> grids, List<Choice> buildings) {
    }

    Uni<ScopeChoices> scopeChoices(long communityId, List<Long> grids, List<Long> buildings) {
        Reach reach = reach(communityId);
        return communities.grids(communityId).chain(gs -> households.visibleBuildings(communityId, reach)
                .map(bs -> new ScopeChoices(
                        gs.stream().filter(g -> reach.coversGrid(g.id))
                                .map(g -> new Choice(String.valueOf(g.id), g.name, grids.contains(g.id))).toList(),
                        bs.stream().map(b -> new Choice(String.valueOf(b.id), b.name, buildings.contains(b.id)))
                                .toList())));
    }

    /** The console's texts (zh-CN) for Java code: page titles and export headers. */
    static ConsoleMessages msg() {
        return MessageBundles.get(ConsoleMessages.class);
    }

    Uni<Frame> page(long communityId, String title, String active) {
        Caller c = caller.requireStaff();
        return communities.find(communityId).map(community -> new Frame(title, c.name(), communityId, community.name,
                csrf(), active, c.holds(communityId, MANAGE), c.holds(communityId, INVITE)));
    }

    Frame plain(String title) {
        return new Frame(title, caller.requireStaff().name(), null, null, csrf(), "", false, false);
    }

    /** What is wrong with a form's bean as one line for the page (the bean validation messages), or null. */
    String invalid(Object form) {
        Set<ConstraintViolation<Object>> violations = validator.validate(form);
        return violations.isEmpty() ? null : org.linli.common.ProblemMessages.text("VALIDATION_FAILED") + " "
                + violations.stream().map(ConstraintViolation::getMessage).sorted().collect(Collectors.joining("；"));
    }

    Caller caller() {
        return caller.requireStaff();
    }

    Reach reach(long communityId) {
        return caller.reachIn(communityId);
    }

    String csrf() {
        Cookie cookie = request.getCurrent().request().getCookie(ConsoleCookieMechanism.COOKIE);
        return ConsoleCsrf.tokenFor(cookie == null ? null : cookie.getValue());
    }
}
