package org.linli.bot;

/** What the bot answers: text for now; null text means "say nothing" (WeChat gets "success"). */
public record Reply(String text) {

    public static final Reply NONE = new Reply(null);

    public static Reply text(String text) {
        return new Reply(text);
    }

    public boolean isEmpty() {
        return text == null || text.isEmpty();
    }
}
