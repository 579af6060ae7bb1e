package org.linli.console;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import org.linli.community.CommunityService;
import org.linli.identity.Caller;
import org.linli.identity.CurrentCaller;
import org.linli.identity.Role;

import java.util.Set;

/** The page frame of a community page, after the same access check as the REST API makes. */
@RequestScoped
class ConsoleFrames {

    private static final Set<Role> MANAGE = Set.of(Role.ADMIN, Role.COMMITTEE);

    private final CurrentCaller caller;
    private final ConsoleRequest console;
    private final CommunityService communities;

    ConsoleFrames(CurrentCaller caller, ConsoleRequest console, CommunityService communities) {
        this.caller = caller;
        this.console = console;
        this.communities = communities;
    }

    /** Any staff role in the community (403 otherwise); the caller's reach narrows what the page shows. */
    Uni<Frame> staffPage(long communityId, String title, String active) {
        Caller c = caller.requireStaffIn(communityId);
        return frame(c, communityId, title, active);
    }

    /** ADMIN or COMMITTEE of the community. */
    Uni<Frame> managePage(long communityId, String title, String active) {
        Caller c = caller.requireStaffIn(communityId, Role.ADMIN, Role.COMMITTEE);
        return frame(c, communityId, title, active);
    }

    Frame plain(String title) {
        return new Frame(title, caller.require().name(), null, null, console.csrf(), "", false);
    }

    Caller caller() {
        return caller.require();
    }

    String csrf() {
        return console.csrf();
    }

    private Uni<Frame> frame(Caller c, long communityId, String title, String active) {
        return communities.find(communityId).map(community -> new Frame(title, c.name(), communityId, community.name,
                console.csrf(), active, c.holds(communityId, MANAGE)));
    }
}
