package org.linli.poll;

/** How a ballot arrived: online (bot or Mini-Program), 纸质表决票, 入户 (door to door), or 委托 (proxy). */
public enum Channel {
    ONLINE, PAPER, DOOR, PROXY;

    boolean paper() {
        return this != ONLINE;
    }
}
