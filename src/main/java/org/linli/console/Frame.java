package org.linli.console;

/**
 * What the layout needs on every page: the title, who is logged in, the community in view (null on the picker)
 * and which of its pages this caller may open (decided in Java from their grants, never in a template).
 */
public record Frame(String title, String user, Long communityId, String communityName, String csrf, String active,
                    boolean manage, boolean invite) {

    public boolean inCommunity() {
        return communityId != null;
    }

    public String base() {
        return "/console/c/" + communityId;
    }
}
